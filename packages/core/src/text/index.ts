export { singleLineTextProblem } from './single-line-text';
