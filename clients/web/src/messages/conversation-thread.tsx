import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLiveUpdates } from '../api/use-live-updates.ts';
import { useQuery, useRequest } from '../api/use-query.ts';
import { documentText } from '../api/graphql-request.ts';
import {
  ConversationThreadDocument,
  MarkConversationReadDocument,
  MessageAddedDocument,
  SendMessageDocument,
  type ChatMessageFragment,
  type MessageAddedSubscription,
} from '../gql/graphql.ts';
import { useSession } from '../session/session-context.tsx';
import { formatTime } from '../ui/format.ts';
import { LiveBadge } from '../ui/live-badge.tsx';
import { ErrorState, InlineError, LoadingState } from '../ui/states.tsx';
import { nameOrUnavailable } from '../ui/unavailable.ts';

const MAX_MESSAGE_LENGTH = 2000;

/** The API lists messages newest first; a chat reads oldest first. Live events and sends may repeat one: keep it once. */
function inReadingOrder(messages: ChatMessageFragment[]): ChatMessageFragment[] {
  const byId = new Map(messages.map((message) => [message.id, message]));
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function MessageComposer({ placeholder, onSend }: { placeholder: string; onSend(body: string): Promise<void> }) {
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = text.trim();
    if (!body) return;
    setPending(true);
    setError(null);
    try {
      await onSend(body);
      setText('');
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };
  return (
    <form className="composer" onSubmit={(event) => void submit(event)}>
      <textarea
        aria-label="Message"
        placeholder={placeholder}
        maxLength={MAX_MESSAGE_LENGTH}
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) void submit(event);
        }}
      />
      <button type="submit" className="button primary" disabled={pending || !text.trim()}>
        {pending ? 'Sending…' : 'Send'}
      </button>
      <InlineError error={error} />
    </form>
  );
}

/** A conversation's messages, kept current live (or by polling), with a box to reply. */
export function ConversationThread({ conversationId }: { conversationId: string }) {
  const { userId } = useSession();
  const request = useRequest();
  const thread = useQuery(ConversationThreadDocument, { id: conversationId });
  const [extra, setExtra] = useState<ChatMessageFragment[]>([]);
  const listEnd = useRef<HTMLDivElement>(null);
  const status = useLiveUpdates<MessageAddedSubscription>({
    query: documentText(MessageAddedDocument),
    variables: { conversationId },
    onEvent: (event) => setExtra((current) => [...current, event.messageAdded]),
    poll: thread.refetch,
  });
  const messages = inReadingOrder([...(thread.data?.conversation.messages.edges.map((edge) => edge.node) ?? []), ...extra]);
  const lastId = messages.at(-1)?.id;
  const lastFromOther = messages.findLast((message) => message.senderRef?.id !== userId)?.id;

  // A block body: Chromium's scrollIntoView now returns a promise, which an effect must not.
  useEffect(() => {
    void listEnd.current?.scrollIntoView({ block: 'nearest' });
  }, [lastId]);
  useEffect(() => {
    if (lastFromOther) request(MarkConversationReadDocument, { conversationId }).catch(() => undefined);
  }, [lastFromOther, conversationId, request]);

  if (thread.error && !thread.data) return <ErrorState error={thread.error} retry={thread.refetch} />;
  if (!thread.data) return <LoadingState label="Loading conversation…" />;
  return (
    <div className="thread">
      <div className="thread-status">
        <LiveBadge status={status} />
      </div>
      <ol className="messages" aria-label="Messages" aria-live="polite">
        {messages.map((message) => {
          const mine = message.senderRef?.id === userId;
          return (
            <li key={message.id} className={`message ${mine ? 'mine' : 'theirs'}`} data-testid="message">
              {!mine && <span className="message-sender">{nameOrUnavailable(message.sender, 'Sender')}</span>}
              <p>{message.body}</p>
              <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
            </li>
          );
        })}
      </ol>
      <div ref={listEnd} />
      <MessageComposer
        placeholder="Write a message…"
        onSend={async (body) => {
          const { sendMessage } = await request(SendMessageDocument, { conversationId, body });
          setExtra((current) => [...current, sendMessage]);
        }}
      />
    </div>
  );
}
