import { Module } from '@cruzjs/core/di';
import { TodosService } from './todos.service';

@Module({
  providers: [TodosService],
})
export class TodosModule {}
