import { useState } from 'react';
import { useQuery, useRequest } from '../api/use-query.ts';
import { MyConversationsDocument, StartConversationDocument } from '../gql/graphql.ts';
import { useSession } from '../session/session-context.tsx';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { ConversationThread, MessageComposer } from './conversation-thread.tsx';

/** On a listing: the buyer's conversation with its seller, or a box to start one. */
export function ChatPanel({ productId, sellerName }: { productId: string; sellerName: string }) {
  const { userId } = useSession();
  const request = useRequest();
  const conversations = useQuery(MyConversationsDocument, {});
  const [startedId, setStartedId] = useState<string | null>(null);
  const existing = conversations.data?.myConversations.edges.find((edge) => edge.node.product?.id === productId && edge.node.buyerRef?.id === userId)?.node.id;
  const conversationId = startedId ?? existing;

  return (
    <section className="chat-panel" aria-label={`Conversation with ${sellerName}`}>
      <h2>Message {sellerName}</h2>
      {conversations.error && !conversations.data ? (
        <ErrorState error={conversations.error} retry={conversations.refetch} />
      ) : !conversations.data ? (
        <LoadingState label="Loading conversation…" />
      ) : conversationId ? (
        <ConversationThread conversationId={conversationId} />
      ) : (
        <>
          <p className="muted">Ask about fit, measurements or shipping.</p>
          <MessageComposer
            placeholder={`Hi ${sellerName.split(' ')[0]}, is this still available?`}
            onSend={async (message) => {
              const { startConversation } = await request(StartConversationDocument, { productId, message });
              setStartedId(startConversation.id);
            }}
          />
        </>
      )}
    </section>
  );
}
