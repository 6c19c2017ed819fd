// write-file-atomic 7 ships no types; only the parts we use.
declare module 'write-file-atomic' {
  interface Options {
    mode?: number;
    chown?: { uid: number; gid: number } | false;
    encoding?: BufferEncoding | null;
    fsync?: boolean;
    tmpfileCreated?: (tmpfile: string) => void;
  }
  function writeFileAtomic(filename: string, data: string | Uint8Array, options?: Options): Promise<void>;
  namespace writeFileAtomic {
    function sync(filename: string, data: string | Uint8Array, options?: Options): void;
  }
  export = writeFileAtomic;
}
