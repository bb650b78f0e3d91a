export {
  PermissionBoundary,
  permissionBoundaryDocument,
  GLOBAL_SERVICE_ACTIONS,
  type PermissionBoundaryProps,
  type PolicyDocument,
  type PolicyStatement,
} from './permission-boundary';
