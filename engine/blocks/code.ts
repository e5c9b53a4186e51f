import { ERROR_PORT, NEXT_PORT, type BlockDescriptor } from "./descriptor";

/** JavaScript or Python run in a sandbox; `return` gives its data. */
export const code: BlockDescriptor<"code"> = {
  type: "code",
  label: "Code",
  tag: (b) => b.config.language,
  nameStem: "code",
  bareFirstName: false,
  entry: false,
  producesResult: true,
  ports: () => [NEXT_PORT, ERROR_PORT],
  defaultConfig: ({ language = "javascript" }) => ({
    language,
    source: language === "python" ? "return None\n" : "return null;\n",
  }),
  palette: [
    { label: "JavaScript", language: "javascript" },
    { label: "Python", language: "python" },
  ],
  // The first line that is neither blank nor a comment.
  summary: (b) => b.config.source.split("\n").find((l) => l.trim() && !/^\s*(\/\/|#)/.test(l))?.trim() ?? "",
};
