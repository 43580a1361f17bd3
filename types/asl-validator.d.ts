// asl-validator 4 ships no type declarations.
declare module 'asl-validator' {
  export interface AslValidationError {
    'Error code': string;
    Message: string;
  }
  export default function validator(definition: unknown, options?: Record<string, unknown>): { isValid: boolean; errors: AslValidationError[] };
}
