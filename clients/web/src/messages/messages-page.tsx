import { documentText } from '../api/graphql-request.ts';
import { useLiveUpdates } from '../api/use-live-updates.ts';
import { useQuery } from '../api/use-query.ts';
import { MyConversationsDocument, MyConversationUpdatesDocument, type MyConversationUpdatesSubscription } from '../gql/graphql.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';
import { formatDate } from '../ui/format.ts';
import { Avatar, ListingImage } from '../ui/listing-image.tsx';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { LISTING_UNAVAILABLE, nameOrUnavailable } from '../ui/unavailable.ts';
import { ConversationThread } from './conversation-thread.tsx';

/** The inbox: conversations on the left, the open one on the right. */
export function MessagesPage({ conversationId }: { conversationId?: string }) {
  const { userId } = useSession();
  const conversations = useQuery(MyConversationsDocument, {});
  // A new message or a read anywhere in the inbox: re-read the list (order, previews and unread counts change).
  useLiveUpdates<MyConversationUpdatesSubscription>({
    query: documentText(MyConversationUpdatesDocument),
    variables: {},
    onEvent: conversations.refetch,
    poll: conversations.refetch,
    skip: !conversations.data,
  });
  if (conversations.error && !conversations.data) return <ErrorState error={conversations.error} retry={conversations.refetch} />;
  if (!conversations.data) return <LoadingState label="Loading messages…" />;
  const nodes = conversations.data.myConversations.edges.map((edge) => edge.node);
  if (nodes.length === 0) {
    return (
      <EmptyState title="No messages yet">
        <p>Ask a seller about a listing and the conversation shows up here.</p>
      </EmptyState>
    );
  }
  const open = nodes.find((node) => node.id === conversationId);
  return (
    <div className="inbox">
      <ul className="conversation-list" aria-label="Conversations">
        {nodes.map((node) => {
          const other = node.buyerRef?.id === userId ? node.seller : node.buyer;
          const otherName = nameOrUnavailable(other, 'Member');
          return (
            <li key={node.id}>
              <Link to={`/messages/${node.id}`} className={`conversation-row${node.id === conversationId ? ' selected' : ''}`}>
                <Avatar name={otherName} imageUrl={other?.imageUrl} />
                <span className="conversation-row-text">
                  <strong>{otherName}</strong>
                  <span className="muted">{node.product?.title ?? LISTING_UNAVAILABLE}</span>
                  <span className="conversation-preview">{node.lastMessage?.body}</span>
                </span>
                <span className="conversation-row-side">
                  <span className="muted">{formatDate(node.updatedAt)}</span>
                  {node.unreadCount > 0 && <span className="count-badge">{node.unreadCount}</span>}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <section className="inbox-thread">
        {open ? (
          <>
            {open.product ? (
              <Link to={`/listings/${open.product.id}`} className="thread-product">
                <ListingImage image={open.product.images[0]} title={open.product.title} className="thumb" />
                <span>{open.product.title}</span>
              </Link>
            ) : (
              <p className="thread-product muted">{LISTING_UNAVAILABLE}</p>
            )}
            <ConversationThread key={open.id} conversationId={open.id} />
          </>
        ) : (
          <EmptyState title="Pick a conversation" />
        )}
      </section>
    </div>
  );
}
