import type { ReactNode } from "react";
import type { MdBlock, MdInline } from "./markdown";

// Renders the AST of markdown.ts with React elements only: text is always escaped by React,
// and link hrefs were already limited to http/https/mailto by the parser.

function Inlines({ nodes }: { nodes: MdInline[] }): ReactNode {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "break":
        return <br key={i} />;
      case "code":
        return (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em] text-slate-800">
            {node.text}
          </code>
        );
      case "strong":
        return (
          <strong key={i} className="font-semibold">
            <Inlines nodes={node.children} />
          </strong>
        );
      case "em":
        return (
          <em key={i}>
            <Inlines nodes={node.children} />
          </em>
        );
      case "link":
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer" className="text-indigo-600 underline hover:text-indigo-500">
            <Inlines nodes={node.children} />
          </a>
        );
    }
  });
}

const HEADING_CLASS: Record<1 | 2 | 3, string> = { 1: "text-xl font-semibold", 2: "text-lg font-semibold", 3: "text-base font-semibold" };
const HEADING_TAG: Record<1 | 2 | 3, "h1" | "h2" | "h3"> = { 1: "h1", 2: "h2", 3: "h3" };

function Block({ block }: { block: MdBlock }) {
  switch (block.type) {
    case "heading": {
      const Tag = HEADING_TAG[block.level];
      return (
        <Tag className={`${HEADING_CLASS[block.level]} text-slate-900`}>
          <Inlines nodes={block.children} />
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p>
          <Inlines nodes={block.children} />
        </p>
      );
    case "list": {
      const Tag = block.ordered ? "ol" : "ul";
      return (
        <Tag className={`pl-5 ${block.ordered ? "list-decimal" : "list-disc"}`}>
          {block.items.map((item, i) => (
            <li key={i}>
              <Inlines nodes={item} />
            </li>
          ))}
        </Tag>
      );
    }
  }
}

export function MarkdownView({ blocks }: { blocks: MdBlock[] }) {
  return (
    <div className="space-y-2 text-sm leading-6 text-slate-700">
      {blocks.map((block, i) => (
        <Block key={i} block={block} />
      ))}
    </div>
  );
}
