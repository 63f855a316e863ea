import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { findDemoUser, type DevelopmentUser } from '../../gateway/src/auth/development-users.ts';

/** The demo buyer, as a development session token names them (their Clerk id). */
export const DEMO_USERS: { buyer: DevelopmentUser } = { buyer: findDemoUser(DEMO_ACCOUNTS.buyer.id)! };
