/** A RAG rating told by word and symbol as well as colour. */
import { RAG_LABELS, type Rag } from '../../domain/reports';

const SYMBOLS = { red: '▼', amber: '■', green: '▲', none: '·' } as const;

export function RagBadge({ rag }: { rag: Rag }) {
  return (
    <span class={`rag rag-${rag}`} data-rag={rag}>
      <span aria-hidden="true">{SYMBOLS[rag]}</span> {RAG_LABELS[rag]}
    </span>
  );
}
