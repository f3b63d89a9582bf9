import { relativeTime } from './relative-time';

export type ActivityView = { id: string; action: 'completed'; todoTitle: string; actorName: string; createdAt: Date };

/** Recent activity in the organization, written by TodosModule's TodoCompletedEvent listener. */
export function ActivityFeed({ entries, now }: { entries: ActivityView[]; now: number }) {
  return (
    <section className="panel" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {entries.length === 0 ? (
        <p className="muted small">Complete a todo and it shows up here.</p>
      ) : (
        <ul className="activity">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="activity-dot" aria-hidden="true" />
              <span>
                <strong>{entry.actorName}</strong> completed <span className="quoted">“{entry.todoTitle}”</span>
                <time dateTime={entry.createdAt.toISOString()}>{relativeTime(entry.createdAt, now)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
