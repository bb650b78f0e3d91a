export { Naming, PROJECT_NAME, type StackScope } from './naming';
