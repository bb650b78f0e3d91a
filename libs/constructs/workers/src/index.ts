export { Workers, type WorkersProps } from './workers';
export { workerImageParameter, workerUserData } from './image';
