import { CreateFileViews1800000000200 } from './1800000000200-create-file-views';

export const migrations = [CreateFileViews1800000000200];
