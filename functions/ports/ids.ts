export interface IdSource {
  applicationId(): string;
  linkId(): string;
  id(prefix: string): string;
}
