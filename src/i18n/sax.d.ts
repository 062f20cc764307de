/** The part of sax (the parser xml-js is built on) that the XLIFF reader uses; sax ships no types. */
declare module 'sax' {
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }

  export interface SAXParser {
    /** 0-based line of the character being read. */
    line: number;
    /** Characters read on the current line. */
    column: number;
    /** Characters read since the start; when a tag opens, just after its "<". */
    startTagPosition: number;
    error: Error | null;
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onprocessinginstruction: (pi: { name: string; body: string }) => void;
    onerror: (error: Error) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }

  const sax: {
    parser(strict: boolean, options?: { position?: boolean; trim?: boolean; normalize?: boolean; xmlns?: boolean }): SAXParser;
  };
  export default sax;
}
