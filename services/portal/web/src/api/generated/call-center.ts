// Generated from docs/openapi by `npm run generate`: never edit by hand.
export interface paths {
    "/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Agents
         * @description The wallboard: the agents the caller may see and their state, served from Redis (rebuilt
         *     from PostgreSQL when Redis lost it).
         */
        get: operations["list_agents_agents_get"];
        put?: never;
        /**
         * Add Agent
         * @description A manager registers an agent of their own org node (their hotline, their BDC).
         */
        post: operations["add_agent_agents_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agents/me/screen-pops": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Push Screen Pops
         * @description The agent's screen pops, as Server-Sent Events, for as long as the stream is open:
         *     each call ringing their phone, the caller looked up in leads with the agent's own token.
         */
        get: operations["push_screen_pops_agents_me_screen_pops_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agents/me/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change State
         * @description Ready, wrap-up, break or offline, declared by the agent themselves.
         */
        put: operations["change_state_agents_me_state_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Imports
         * @description The call lists imported into the books the caller sees in full (their own org
         *     node's, and below it as the sharing allows), newest first, each with its status and
         *     counts: a manager comes back to an import after leaving the screen.
         */
        get: operations["list_imports_call_lists_get"];
        put?: never;
        /**
         * Import List
         * @description Upload a list of customers to call as the raw body (`curl --data-binary @list.xlsx`);
         *     it is imported in the background: follow `GET /call-lists/{import_id}`.
         *
         *     The header row names the columns: customer_name/姓名, phone/电话/手机, due_on/到期日 and
         *     optionally note/备注. Each row becomes a task of ``kind`` in the caller's own book, dealt
         *     out by its queue taking the kind (or waiting until one can), due ``days_before`` the
         *     listed date and never before today. A customer and date makes one task however often the
         *     list is imported: fix the rows the import rejects (each names its row and field) and
         *     import the file again.
         */
        post: operations["import_list_call_lists_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-lists/{import_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Import Progress
         * @description The import's status, counts so far and how far it got.
         */
        get: operations["import_progress_call_lists__import_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-lists/{import_id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Import Errors
         * @description The rejected rows in file order, each naming its row and field (they quote the
         *     uploaded cells: every read is audited).
         */
        get: operations["import_errors_call_lists__import_id__errors_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Day Statistics
         * @description The calls of one business day (default: today) the caller may see — an agent their own,
         *     a supervisor or manager their scope's — per queue, agent, dealer (the org node whose calls
         *     they are) and hour they started: offered, answered, abandoned, answer and abandon rates,
         *     service level, average speed of answer and handle time, outbound calls, the time staffed
         *     and occupancy (of an agent, a queue's members, a dealer's agents, the agents within the
         *     hour). Calls still going on are not counted yet.
         */
        get: operations["day_statistics_call_statistics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Tasks
         * @description Tasks the caller may see, soonest due first: a consultant's own; a manager's whole
         *     scope (every consultant's tasks, customers and progress).
         */
        get: operations["list_tasks_call_tasks_get"];
        put?: never;
        /**
         * Push Task
         * @description A manager pushes a phone task to an agent of their scope by hand (rules push the rest);
         *     publishes ``call_center.CallTaskCreated``.
         */
        post: operations["push_task_call_tasks_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-tasks/{task_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Task */
        get: operations["get_task_call_tasks__task_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-tasks/{task_id}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request Cancellation
         * @description The customer cannot be reached: the assignee asks the manager to cancel the task.
         */
        post: operations["request_cancellation_call_tasks__task_id__cancellation_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-tasks/{task_id}/cancellation/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide Cancellation
         * @description Approved: the task is cleared. Rejected: it is due today and escalates if it is still
         *     open at the end of the day.
         */
        post: operations["decide_cancellation_call_tasks__task_id__cancellation_decision_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-tasks/{task_id}/dial": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dial
         * @description Click-to-dial: the PBX rings the assignee's phone, then dials the customer; the call's
         *     record names the task, and its wrap-up (connected, disposition and notes) clears it.
         */
        post: operations["dial_call_tasks__task_id__dial_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Calls
         * @description Calls the caller may see, newest first: an agent's own, a supervisor's or manager's
         *     whole scope. Page with ``started_before`` (the last call's ``started_at``).
         */
        get: operations["list_calls_calls_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls/{call_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Call */
        get: operations["get_call_calls__call_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls/{call_id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Comment Call
         * @description A reviewer's comment on a recorded call, at a moment of the recording or on the whole.
         */
        post: operations["comment_call_calls__call_id__comments_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls/{call_id}/disposition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Wrap Up Call
         * @description The agent records the outcome and notes of a finished call (once); publishes
         *     ``call_center.CallDispositionRecorded``.
         */
        post: operations["wrap_up_call_calls__call_id__disposition_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls/{call_id}/hangup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hang Up
         * @description The agent ends their leg of the call from the console.
         */
        post: operations["hang_up_calls__call_id__hangup_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls/{call_id}/recording": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Listen To Recording
         * @description The call's recording, for reviewers of the call's own book (a sharing agreement never
         *     reaches it); answers range requests (206) so a player can seek. Every request is written
         *     to the personal-data audit first.
         */
        get: operations["listen_to_recording_calls__call_id__recording_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls/{call_id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Reviews
         * @description The QA form, the reviews and the comments of a call: for whoever may see the call (its
         *     agent reads them for coaching).
         */
        get: operations["get_reviews_calls__call_id__reviews_get"];
        put?: never;
        /**
         * Score Call
         * @description A reviewer of the call's book scores the recorded call on the QA form, once.
         */
        post: operations["score_call_calls__call_id__reviews_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls/{call_id}/ticket-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask For Ticket
         * @description During or after the call, the agent asks the service desk to open a ticket for it
         *     (channel phone, the caller's number, the lead the call is about) or to add the call to an
         *     open ticket of the call's book; publishes ``call_center.CallTicketRequested``, which the
         *     service desk applies once.
         */
        post: operations["ask_for_ticket_calls__call_id__ticket_request_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calls/{call_id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Transfer
         * @description The agent on the call passes the caller to another agent, a dealer's consultant or a
         *     queue, cold or warm; the transfer shows on the call once the PBX reports it.
         */
        post: operations["transfer_calls__call_id__transfer_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cti/webhooks/{connector}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Call Event
         * @description One call event of a cloud contact center, signed with the shared secret. The call's
         *     events may come in any order and more than once; a request older than the replay window
         *     is refused like a wrong signature.
         */
        post: operations["receive_call_event_cti_webhooks__connector__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cti/webhooks/{connector}/route": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Route Waiting Caller
         * @description A cloud contact center asks who takes a caller waiting in a queue, signed like the call
         *     events: the queue's strategy picks a ready agent (round robin: the next member after the
         *     one routed last; skill: the longest idle with every skill needed); with nobody ready, the
         *     queue's rules answer wait, overflow (to which queue) or offer a callback.
         */
        post: operations["route_waiting_caller_cti_webhooks__connector__route_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is alive */
        get: operations["healthz_healthz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Queues
         * @description The queues of the org nodes the caller may see (an agent: their own node's), each with
         *     its members and open tasks, and the rule-pushed tasks no queue takes yet.
         */
        get: operations["list_queues_queues_get"];
        put?: never;
        /**
         * Create Queue
         * @description A queue of the manager's own org node: the PBX queue it stands for, its callers'
         *     routing, and the rule-pushed call tasks it deals out to its members.
         */
        post: operations["create_queue_queues_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queues/{queue_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Queue */
        get: operations["get_queue_queues__queue_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change Queue */
        patch: operations["change_queue_queues__queue_id__patch"];
        trace?: never;
    };
    "/queues/{queue_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Members
         * @description Exactly these agents of the queue's org node are its members (the routing's and the
         *     distribution's view follows at once).
         */
        put: operations["set_members_queues__queue_id__members_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database and Kafka are reachable */
        get: operations["readyz_readyz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transfer-targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Transfer Targets
         * @description Agents (the hotline's, the dealers' consultants with an extension) and queues of the
         *     tenant a call may be transferred to (``POST /calls/{call_id}/transfer`` takes ``kind`` and
         *     ``target`` as answered here), agents first, each with their org and state.
         */
        get: operations["transfer_targets_transfer_targets_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wallboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Wallboard
         * @description Each queue the caller may see: callers waiting and since when, its agents by state,
         *     today's figures (service level, abandon rate…); each agent: state and today's figures.
         */
        get: operations["wallboard_wallboard_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wallboard/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Wallboard Stream
         * @description The wallboard pushed as it changes, for as long as the stream is open.
         */
        get: operations["wallboard_stream_wallboard_stream_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AgentBoardPublic */
        AgentBoardPublic: {
            /**
             * Queue Ids
             * @description Capped where they are set: 20 at most
             */
            queue_ids: string[];
            /**
             * Since
             * Format: date-time
             */
            since: string;
            /** State */
            state: string;
            today: components["schemas"]["CallStatsPublic"] | null;
            /** User Id */
            user_id: string;
        };
        /** AgentCreate */
        AgentCreate: {
            /** Display Name */
            display_name: string;
            /**
             * Extension
             * @description The phone extension on the PBX
             */
            extension: string;
            /** Queue Ids */
            queue_ids?: string[];
            /**
             * Skills
             * @example [
             *       "renewal",
             *       "en"
             *     ]
             */
            skills?: string[];
            /**
             * User Id
             * @description The user (identity) it is
             */
            user_id: string;
        };
        /** AgentStatsPublic */
        AgentStatsPublic: {
            /** Agent User */
            agent_user: string;
            /**
             * Occupancy
             * @description Handle time as a % of the time staffed (at most 100); None: not staffed
             */
            occupancy: number | null;
            /**
             * Qa Average
             * @description Their average QA score (0-100)
             */
            qa_average: number | null;
            /**
             * Qa Reviews
             * @description Quality reviews of the agent's calls of the day
             */
            qa_reviews: number;
            /**
             * Staffed Seconds
             * @description Time ready, on a call or wrapping up (as declared), so far in the day
             */
            staffed_seconds: number;
            stats: components["schemas"]["CallStatsPublic"];
        };
        /** CallCommentCreate */
        CallCommentCreate: {
            /**
             * At Second
             * @description The moment of the recording it is about
             */
            at_second?: number | null;
            /**
             * Text
             * @example Offer the test drive here
             */
            text: string;
        };
        /** CallCommentPublic */
        CallCommentPublic: {
            /** At Second */
            at_second: number | null;
            /** Author */
            author: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Text */
            text: string;
        };
        /** CallListImport */
        CallListImport: {
            /**
             * Already Imported
             * @description Rows whose customer and date an earlier import or row already made
             */
            already_imported: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /** Days Before */
            days_before: number;
            /**
             * Error
             * @description Why the import failed, if it did
             */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /**
             * Format
             * @enum {string}
             */
            format: "csv" | "xlsx";
            /**
             * Id
             * Format: uuid
             */
            id: string;
            kind: components["schemas"]["TaskKind"];
            /**
             * Next Row
             * @description File row the import continues at (the header is row 1)
             */
            next_row: number;
            /**
             * Owner Org
             * @description The book the tasks go into
             */
            owner_org: string;
            /**
             * Rows Estimated
             * @description Data rows the file seems to have, if known
             */
            rows_estimated: number | null;
            /**
             * Rows Read
             * @description Non-blank data rows read so far
             */
            rows_read: number;
            /**
             * Rows Rejected
             * @description Rows rejected; see the rejected rows
             */
            rows_rejected: number;
            /** Size Bytes */
            size_bytes: number;
            status: components["schemas"]["ImportStatus"];
            /**
             * Tasks Created
             * @description Tasks made, dealt out by the book's queues
             */
            tasks_created: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * Waiting
             * @description Calls no queue of the book takes yet (dealt out later)
             */
            waiting: number;
        };
        /** CallListRejectedRows */
        CallListRejectedRows: {
            /**
             * Items
             * @description Rejected rows in file order
             */
            items: components["schemas"]["CallListRowError"][];
            /**
             * Next After
             * @description Pass as `after` for the next page; null: last
             */
            next_after: number | null;
        };
        /** CallListRowError */
        CallListRowError: {
            /** Field */
            field: string;
            /** Message */
            message: string;
            /**
             * Row Number
             * @description Row of the file as a spreadsheet shows it (header: 1)
             */
            row_number: number;
            /**
             * Value
             * @description The rejected cell, as uploaded
             */
            value: string;
        };
        /**
         * CallPublic
         * @description A call record. ``customer_phone`` is masked unless the reader may see it in full (the
         *     agent who had the call, the managers of the owning org).
         */
        CallPublic: {
            /** Abandoned */
            abandoned: boolean;
            /** Agent Extension */
            agent_extension: string | null;
            /** Agent User */
            agent_user: string | null;
            /** Answered At */
            answered_at: string | null;
            /** Callback Requested */
            callback_requested: boolean;
            /** Connected */
            connected: boolean;
            /** Customer Id */
            customer_id: string | null;
            /** Customer Phone */
            customer_phone: string;
            /** Direction */
            direction: string;
            /**
             * Disposition
             * @description The agent's wrap-up
             */
            disposition: string | null;
            /** Ended At */
            ended_at: string | null;
            /**
             * Extensions
             * @description Every agent extension that talked to the customer
             */
            extensions: string[];
            /**
             * Handed To
             * @description The agent of another org node (a dealer's consultant) a transfer handed the call to: they see it as the agent who took it does
             */
            handed_to: string | null;
            /**
             * Handed To Org
             * @description Their org node: the call is in its book as well as in owner_org's
             */
            handed_to_org: string | null;
            /** Has Recording */
            has_recording: boolean;
            /** Hold Seconds */
            hold_seconds: number;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Lead Id */
            lead_id: string | null;
            /** Notes */
            notes: string | null;
            /** Opportunity Id */
            opportunity_id: string | null;
            /** Owner Org */
            owner_org: string;
            /**
             * Part Of
             * @description Set on the part a dealer's consultant handled after a hand-over: the call (the hotline's) it is part of. That part is a call of the dealer's, counted there and wrapped up by the consultant; the hotline's call keeps its own talk time
             */
            part_of: string | null;
            /**
             * Parts
             * @description The parts of this call handled in another book (a dealer's consultant after a hand-over) the reader may see as well: listed here, not again on their own
             */
            parts?: components["schemas"]["CallPublic"][];
            /** Queue Id */
            queue_id: string | null;
            /** Ring At */
            ring_at: string | null;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /**
             * System Disposition
             * @description The phone system's, for calls never connected
             */
            system_disposition: string | null;
            /** Talk Seconds */
            talk_seconds: number;
            /** Task Id */
            task_id: string | null;
            /** Ticket Id */
            ticket_id: string | null;
            /** Transfers */
            transfers: components["schemas"]["TransferPublic"][];
            /** Wait Seconds */
            wait_seconds: number;
            /** Wrap Seconds */
            wrap_seconds: number | null;
        };
        /** CallReviewCreate */
        CallReviewCreate: {
            /**
             * Comment
             * @default
             */
            comment: string;
            /**
             * Scores
             * @description Every item of the QA form by name, from 0 to its points
             * @example {
             *       "courtesy": 10,
             *       "greeting": 10,
             *       "knowledge": 18,
             *       "needs": 20,
             *       "next_step": 12,
             *       "script": 15
             *     }
             */
            scores: {
                [key: string]: number;
            };
        };
        /** CallReviewPublic */
        CallReviewPublic: {
            /** Comment */
            comment: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Reviewer */
            reviewer: string;
            /** Scores */
            scores: {
                [key: string]: number;
            };
            /**
             * Total
             * @description Points of all items: 0-100
             */
            total: number;
        };
        /**
         * CallReviewsPublic
         * @description What reviewers said of a recorded call, and the QA form they scored it on.
         */
        CallReviewsPublic: {
            /** Agent User */
            agent_user: string | null;
            /**
             * Average Total
             * @description Of every review of the call
             */
            average_total: number | null;
            /**
             * Call Id
             * Format: uuid
             */
            call_id: string;
            /**
             * Comments
             * @description The latest 500, oldest first
             */
            comments: components["schemas"]["CallCommentPublic"][];
            /**
             * Comments Truncated
             * @description Older comments were left out
             */
            comments_truncated: boolean;
            /** Form */
            form: components["schemas"]["QaItemPublic"][];
            /**
             * Reviews
             * @description The latest 100, oldest first
             */
            reviews: components["schemas"]["CallReviewPublic"][];
            /**
             * Reviews Truncated
             * @description Older reviews were left out (the average counts them)
             */
            reviews_truncated: boolean;
        };
        /** CallStatistics */
        CallStatistics: {
            /**
             * Agents
             * @description By user id, the first 2,000
             */
            agents: components["schemas"]["AgentStatsPublic"][];
            /**
             * Agents Truncated
             * @description More agents made calls than listed: a supervisor of a narrower scope (a dealer's, a region's) sees its own whole
             */
            agents_truncated: boolean;
            /**
             * Day
             * Format: date
             */
            day: string;
            /**
             * Dealers
             * @description By org node id, the first 1,000
             */
            dealers: components["schemas"]["DealerStatsPublic"][];
            /**
             * Dealers Truncated
             * @description More nodes had calls than listed: a supervisor of a narrower scope (a dealer's, a region's) sees its own whole
             */
            dealers_truncated: boolean;
            /**
             * Hours
             * @description Only the hours calls started in
             */
            hours: components["schemas"]["HourStatsPublic"][];
            /**
             * Queues
             * @description By name, the first 1,000
             */
            queues: components["schemas"]["QueueStatsPublic"][];
            /**
             * Queues Truncated
             * @description More queues took calls than listed: a supervisor of a narrower scope (a dealer's, a region's) sees its own whole
             */
            queues_truncated: boolean;
            /** Time Zone */
            time_zone: string;
        };
        /** CallStatsPublic */
        CallStatsPublic: {
            /** Abandon Rate */
            abandon_rate: number | null;
            /**
             * Abandoned
             * @description The caller hung up while waiting
             */
            abandoned: number;
            /**
             * Answer Rate
             * @description % of offered; None when none was offered
             */
            answer_rate: number | null;
            /** Answered */
            answered: number;
            /**
             * Average Handle Seconds
             * @description Talk + hold + wrap-up per call handled (inbound answered, outbound connected)
             */
            average_handle_seconds: number | null;
            /**
             * Average Speed Of Answer
             * @description Seconds waited, answered calls
             */
            average_speed_of_answer: number | null;
            /** Handled */
            handled: number;
            /**
             * Offered
             * @description Inbound calls that reached the queue (or rang the agent)
             */
            offered: number;
            /** Outbound */
            outbound: number;
            /** Outbound Connected */
            outbound_connected: number;
            /**
             * Service Level
             * @description % of offered calls answered within the queue's threshold
             */
            service_level: number | null;
        };
        /** CallTaskCreate */
        CallTaskCreate: {
            /**
             * Assignee
             * @description An agent of your scope
             */
            assignee: string;
            /** Customer Name */
            customer_name: string;
            /**
             * Due At
             * Format: date-time
             */
            due_at: string;
            /**
             * Kind
             * @example policy_renewal
             */
            kind: string;
            /** Lead Id */
            lead_id?: string | null;
            /** Phone */
            phone?: string | null;
        };
        /** CallTaskPublic */
        CallTaskPublic: {
            /** Assignee */
            assignee: string;
            /** Cancel Reason */
            cancel_reason: string | null;
            /** Cleared At */
            cleared_at: string | null;
            /** Cleared By Call */
            cleared_by_call: string | null;
            /** Customer Id */
            customer_id: string | null;
            /** Customer Name */
            customer_name: string;
            /** Decided By */
            decided_by: string | null;
            /**
             * Due At
             * Format: date-time
             */
            due_at: string;
            /** Escalated At */
            escalated_at: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Kind */
            kind: string;
            /** Lead Id */
            lead_id: string | null;
            /** Owner Org */
            owner_org: string;
            /**
             * Phone
             * @description Masked unless the reader may see it in full
             */
            phone: string | null;
            /**
             * Queue Id
             * @description The queue that dealt it out
             */
            queue_id: string | null;
            /**
             * Reason
             * @description Why the rule pushed it (e.g. the policy's expiry)
             */
            reason: string | null;
            /**
             * Rejected
             * @description A cancellation was rejected: due today
             */
            rejected: boolean;
            /** Rule */
            rule: string | null;
            /**
             * Script
             * @description The call script of the task's type
             */
            script: string;
            /**
             * Status
             * @description open, cancel_requested, cleared, cancelled
             */
            status: string;
        };
        /** CallTransfer */
        CallTransfer: {
            /**
             * Attended
             * @description Warm (talk to the target first) or cold (straight through)
             * @default false
             */
            attended: boolean;
            /**
             * Target
             * @description The agent's user id, or the queue's id
             */
            target: string;
            /**
             * Target Kind
             * @description agent: an agent or a dealer's consultant with an extension; queue: a queue
             * @enum {string}
             */
            target_kind: "agent" | "queue";
        };
        /** CancellationDecision */
        CancellationDecision: {
            /** Approved */
            approved: boolean;
        };
        /** CancellationRequest */
        CancellationRequest: {
            /**
             * Reason
             * @example no answer three times
             */
            reason: string;
        };
        /** DealerStatsPublic */
        DealerStatsPublic: {
            /**
             * Dealer Id
             * @description The org node whose calls they are (the hotline: HQ)
             */
            dealer_id: string;
            /**
             * Occupancy
             * @description Handle time as a % of the time staffed (at most 100); None: not staffed
             */
            occupancy: number | null;
            /**
             * Staffed Seconds
             * @description Time the node's agents were staffed, so far in the day
             */
            staffed_seconds: number;
            stats: components["schemas"]["CallStatsPublic"];
        };
        /** DialRequest */
        DialRequest: {
            /**
             * Number
             * @description Needed when the task carries no number (e.g. a lead's callback)
             */
            number?: string | null;
        };
        /** DispositionCreate */
        DispositionCreate: {
            /**
             * Disposition
             * @example interested
             * @example renewed
             * @example call_back_later
             */
            disposition: string;
            /**
             * Grade After
             * @example intent
             */
            grade_after?: string | null;
            /**
             * Notes
             * @example Wants a quote for the SUV X
             */
            notes: string;
        };
        /** HourStatsPublic */
        HourStatsPublic: {
            /**
             * Hour
             * @description The hour the calls started, in time_zone
             */
            hour: number;
            /**
             * Occupancy
             * @description Handle time as a % of the time staffed (at most 100); None: not staffed
             */
            occupancy: number | null;
            /**
             * Staffed Seconds
             * @description Time the agents were staffed within the hour
             */
            staffed_seconds: number;
            stats: components["schemas"]["CallStatsPublic"];
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /**
         * ImportStatus
         * @enum {string}
         */
        ImportStatus: "queued" | "running" | "done" | "failed";
        /**
         * LiveWallboard
         * @description The supervisor's wallboard at ``at``; pushed again by ``GET /wallboard/stream`` after
         *     every change.
         */
        LiveWallboard: {
            /**
             * Agents
             * @description By user id, the first 1,000
             */
            agents: components["schemas"]["AgentBoardPublic"][];
            /**
             * Agents Truncated
             * @description More agents than shown: a supervisor of a narrower scope (a dealer's, a region's) sees its own whole
             */
            agents_truncated: boolean;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /**
             * Day Started At
             * Format: date-time
             */
            day_started_at: string;
            /**
             * Queues
             * @description By name, the first 200
             */
            queues: components["schemas"]["QueueBoardPublic"][];
            /**
             * Queues Truncated
             * @description More queues than shown: a supervisor of a narrower scope (a dealer's, a region's) sees its own whole
             */
            queues_truncated: boolean;
        };
        /** PresencePublic */
        PresencePublic: {
            /**
             * Queue Ids
             * @description Capped where they are set: 20 at most
             */
            queue_ids: string[];
            /**
             * Since
             * Format: date-time
             */
            since: string;
            /** Skills */
            skills: string[];
            /** State */
            state: string;
            /** User Id */
            user_id: string;
        };
        /** QaItemPublic */
        QaItemPublic: {
            /** Label */
            label: string;
            /** Label Zh */
            label_zh: string;
            /** Name */
            name: string;
            /**
             * Points
             * @description The most an item may be given
             */
            points: number;
        };
        /** QueueBoard */
        QueueBoard: {
            /**
             * Queues
             * @description By org node and name, the first 1,000
             */
            queues: components["schemas"]["QueuePublic"][];
            /**
             * Queues Truncated
             * @description More queues than listed: a supervisor of a narrower scope (a dealer's, a region's) sees its own whole
             */
            queues_truncated: boolean;
            /**
             * Waiting
             * @description Rule-pushed call tasks no queue takes yet (none lists the kind, or none of its members can): dealt out once one can. By org node, the first 3,000
             */
            waiting: components["schemas"]["WaitingTasksPublic"][];
            /**
             * Waiting Truncated
             * @description More kinds wait than listed: a supervisor of a narrower scope (a dealer's, a region's) sees its own whole
             */
            waiting_truncated: boolean;
        };
        /** QueueBoardPublic */
        QueueBoardPublic: {
            /**
             * Agents By State
             * @description The queue's agents per state
             */
            agents_by_state: {
                [key: string]: number;
            };
            /** Name */
            name: string;
            /**
             * Oldest Waiting Since
             * @description When the caller waiting longest started (the longest wait counts from it)
             */
            oldest_waiting_since: string | null;
            /**
             * Queue Id
             * Format: uuid
             */
            queue_id: string;
            /** @description Today's finished calls; None: none yet */
            today: components["schemas"]["CallStatsPublic"] | null;
            /**
             * Waiting
             * @description Callers in the queue now
             */
            waiting: number;
        };
        /**
         * QueueChange
         * @description Only the fields given change; ``null`` clears an optional one.
         */
        QueueChange: {
            /** Callback After Seconds */
            callback_after_seconds?: number | null;
            /** Name */
            name?: string | null;
            /** Overflow After Seconds */
            overflow_after_seconds?: number | null;
            /** Overflow Queue Id */
            overflow_queue_id?: string | null;
            /** Service Level Seconds */
            service_level_seconds?: number | null;
            /** Skills */
            skills?: string[] | null;
            strategy?: components["schemas"]["Strategy"] | null;
            /** Task Kinds */
            task_kinds?: components["schemas"]["TaskKind"][] | null;
        };
        /** QueueCreate */
        QueueCreate: {
            /** Callback After Seconds */
            callback_after_seconds?: number | null;
            /**
             * Name
             * @example Renewal desk
             */
            name: string;
            /** Overflow After Seconds */
            overflow_after_seconds?: number | null;
            /** Overflow Queue Id */
            overflow_queue_id?: string | null;
            /**
             * Pbx Queue
             * @description The queue's name on the PBX
             */
            pbx_queue: string;
            /**
             * Service Level Seconds
             * @description Answered within this many seconds: in service level
             * @default 20
             */
            service_level_seconds: number;
            /**
             * Skills
             * @description Skills every caller's agent needs
             */
            skills?: string[];
            /**
             * @description How the queue deals out call tasks (and routes callers where the CRM routes): round_robin — every member in turn; skill — only members with the skill the work needs (a task to the one with the fewest open tasks, a caller to the one idle longest)
             * @default round_robin
             */
            strategy: components["schemas"]["Strategy"];
            /**
             * Task Kinds
             * @description The rule-pushed call tasks the queue deals out to its members
             */
            task_kinds?: components["schemas"]["TaskKind"][];
        };
        /** QueueMemberPublic */
        QueueMemberPublic: {
            /** Display Name */
            display_name: string;
            /** Open Tasks */
            open_tasks: number;
            /** Skills */
            skills: string[];
            /** State */
            state: string;
            /** User Id */
            user_id: string;
        };
        /** QueueMembers */
        QueueMembers: {
            /**
             * User Ids
             * @description Every member: agents of the queue's org node
             */
            user_ids: string[];
        };
        /** QueuePublic */
        QueuePublic: {
            /** Callback After Seconds */
            callback_after_seconds: number | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Members
             * @description Capped where they join: 200 agents at most
             */
            members: components["schemas"]["QueueMemberPublic"][];
            /** Name */
            name: string;
            /**
             * Open Tasks
             * @description Open tasks the queue dealt out
             */
            open_tasks: number;
            /** Overflow After Seconds */
            overflow_after_seconds: number | null;
            /** Overflow Queue Id */
            overflow_queue_id: string | null;
            /** Owner Org */
            owner_org: string;
            /** Pbx Queue */
            pbx_queue: string;
            /** Service Level Seconds */
            service_level_seconds: number;
            /** Skills */
            skills: string[];
            /** Strategy */
            strategy: string;
            /** Task Kinds */
            task_kinds: string[];
        };
        /** QueueStatsPublic */
        QueueStatsPublic: {
            /**
             * Occupancy
             * @description Handle time as a % of the time staffed (at most 100); None: not staffed
             */
            occupancy: number | null;
            /**
             * Queue Id
             * @description None: calls no queue took
             */
            queue_id: string | null;
            /** Queue Name */
            queue_name: string | null;
            /** Service Level Seconds */
            service_level_seconds: number;
            /**
             * Staffed Seconds
             * @description Time its members were staffed (an agent in two queues counts in both)
             */
            staffed_seconds: number;
            stats: components["schemas"]["CallStatsPublic"];
        };
        /** RouteAnswer */
        RouteAnswer: {
            /**
             * Action
             * @enum {string}
             */
            action: "connect" | "wait" | "overflow" | "offer_callback";
            /** Agent User */
            agent_user?: string | null;
            /**
             * Extension
             * @description Ring this extension (connect)
             */
            extension?: string | null;
            /**
             * Overflow Queue
             * @description Move the caller to this queue
             */
            overflow_queue?: string | null;
        };
        /** StateChange */
        StateChange: {
            /**
             * State
             * @description Ringing and on call are the phone system's to say
             */
            state: string;
        };
        /**
         * Strategy
         * @enum {string}
         */
        Strategy: "round_robin" | "skill";
        /**
         * TaskKind
         * @enum {string}
         */
        TaskKind: "policy_renewal" | "maintenance_due" | "win_back" | "lead_callback" | "care" | "survey";
        /** TicketRequest */
        TicketRequest: {
            /**
             * Attach To
             * @description An open ticket of the call's book to add the call to
             */
            attach_to?: string | null;
            /**
             * Kind
             * @default service_request
             * @enum {string}
             */
            kind: "service_request" | "complaint" | "feedback" | "inquiry";
            /**
             * Notes
             * @description What the customer said
             */
            notes: string;
            /**
             * Subject
             * @example 空调不制冷
             */
            subject: string;
        };
        /** TransferPublic */
        TransferPublic: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** By Extension */
            by_extension: string | null;
            /**
             * Kind
             * @description blind (cold) or attended (warm)
             */
            kind: string;
            /** Target */
            target: string;
        };
        /** TransferTargetPublic */
        TransferTargetPublic: {
            /**
             * Extension
             * @description The agent's extension, or the queue's PBX name
             */
            extension: string;
            /**
             * Kind
             * @description As the transfer's target_kind
             * @enum {string}
             */
            kind: "agent" | "queue";
            /** Name */
            name: string;
            /**
             * Owner Org
             * @description The org node (the hotline's HQ, a dealer)
             */
            owner_org: string;
            /**
             * State
             * @description The agent's state; None for a queue
             */
            state: string | null;
            /**
             * Target
             * @description As the transfer's target: a user id or a queue's id
             */
            target: string;
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
        /** WaitingTasksPublic */
        WaitingTasksPublic: {
            /** Count */
            count: number;
            /** Kind */
            kind: string;
            /**
             * Oldest Due At
             * Format: date-time
             */
            oldest_due_at: string;
            /** Owner Org */
            owner_org: string;
        };
        /** Wallboard */
        Wallboard: {
            /**
             * Agents
             * @description By user id, the first 1,000
             */
            agents: components["schemas"]["PresencePublic"][];
            /**
             * Agents Truncated
             * @description More agents than listed: a supervisor of a narrower scope (a dealer's, a region's) sees its own whole
             */
            agents_truncated: boolean;
            /**
             * Rebuilt
             * @description Redis had lost the presence: rebuilt from PostgreSQL
             */
            rebuilt: boolean;
        };
        /** WebhookAccepted */
        WebhookAccepted: {
            /**
             * Events
             * @description CTI events the webhook meant (duplicates are dropped later)
             */
            events: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_agents_agents_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Wallboard"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    add_agent_agents_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The user is an agent already, or the extension is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    push_screen_pops_agents_me_screen_pops_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ``event: listening`` once the call center listens to the agent's phone (every call ringing it from then on is pushed; the stream opening is not enough); ``event: screen-pop`` with the caller as leads lets you see them (JSON: call_id, known, customer_name, customer_phone, lead_id, customer_id, owner_org, owner_user, owner_name, status, grade, routing_only, directory_unavailable (leads did not answer in time), rang_at, pushed_at); a comment line every 15 s keeps the stream alive; ``event: reconnect`` when the token expired (open the stream again with a fresh one) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    change_state_agents_me_state_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StateChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresencePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The caller is not an agent of the call center */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_imports_call_lists_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallListImport"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    import_list_call_lists_post: {
        parameters: {
            query: {
                /** @description Call this many days before the listed date (e.g. a policy's expiry) */
                days_before?: number;
                format: "csv" | "xlsx";
                /** @description The task each row becomes */
                kind: components["schemas"]["TaskKind"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallListImport"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The file is over 128 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Empty body, the other format, a CSV header without a required column, or a kind no list pushes */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    import_progress_call_lists__import_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                import_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallListImport"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such import visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    import_errors_call_lists__import_id__errors_get: {
        parameters: {
            query?: {
                /** @description `next_after` of the page before */
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                import_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallListRejectedRows"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such import visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    day_statistics_call_statistics_get: {
        parameters: {
            query?: {
                day?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallStatistics"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_tasks_call_tasks_get: {
        parameters: {
            query?: {
                assignee?: string | null;
                due_before?: string | null;
                limit?: number;
                offset?: number;
                status?: ("open" | "cancel_requested" | "cleared" | "cancelled") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallTaskPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    push_task_call_tasks_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallTaskCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallTaskPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such agent in the caller's scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_task_call_tasks__task_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                task_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallTaskPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such task visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    request_cancellation_call_tasks__task_id__cancellation_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                task_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancellationRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallTaskPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not the task's assignee */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such task visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The task's state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    decide_cancellation_call_tasks__task_id__cancellation_decision_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                task_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancellationDecision"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallTaskPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such task visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The task's state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    dial_call_tasks__task_id__dial_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                task_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DialRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not the task's assignee */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such task visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The task has no number and none was given */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The phone system is not configured or unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_calls_calls_get: {
        parameters: {
            query?: {
                agent_user?: string | null;
                connected?: boolean | null;
                direction?: ("inbound" | "outbound") | null;
                limit?: number;
                queue_id?: string | null;
                recorded?: boolean | null;
                started_before?: string | null;
                started_from?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No call.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_call_calls__call_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    comment_call_calls__call_id__comments_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallCommentCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallReviewsPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No call.review */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The call has no recording */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    wrap_up_call_calls__call_id__disposition_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DispositionCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not the agent who had the call */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The call is still going or already wrapped up */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    hang_up_calls__call_id__hangup_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The caller is not on the call (any more), or the PBX refused */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The call's phone system takes no commands (a cloud contact center) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The phone system is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listen_to_recording_calls__call_id__recording_get: {
        parameters: {
            query?: never;
            header?: {
                range?: string | null;
            };
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole recording */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/*": unknown;
                };
            };
            /** @description The byte range asked for */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/*": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No call.review */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call in the reviewer's book, or it has no recording */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The range starts past the end of the recording */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_reviews_calls__call_id__reviews_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallReviewsPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    score_call_calls__call_id__reviews_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallReviewCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallReviewsPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No call.review, or the reviewer's own call */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No recording, or reviewed by this reviewer already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    ask_for_ticket_calls__call_id__ticket_request_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    transfer_calls__call_id__transfer_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallTransfer"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such call or target */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The caller is not on the call (any more), or the PBX refused */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The call's phone system takes no commands (a cloud contact center) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The phone system is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    receive_call_event_cti_webhooks__connector__post: {
        parameters: {
            query?: never;
            header?: {
                "X-CRM-Timestamp"?: string | null;
            };
            path: {
                connector: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Agent Extension */
                    agent_extension?: string | null;
                    /**
                     * At
                     * Format: date-time
                     * @description When it happened at the contact center (with time zone)
                     */
                    at: string;
                    /** Call Id */
                    call_id: string;
                    /**
                     * Direction
                     * @enum {string}
                     */
                    direction: "inbound" | "outbound";
                    /** File */
                    file?: string | null;
                    /** From */
                    from?: string | null;
                    /** Name */
                    name?: string | null;
                    /** Queue */
                    queue?: string | null;
                    /** Target */
                    target?: string | null;
                    /** To */
                    to?: string | null;
                    /** Transfer */
                    transfer?: ("blind" | "attended") | null;
                    /**
                     * Type
                     * @enum {string}
                     */
                    type: "call.created" | "call.queued" | "call.ringing" | "call.answered" | "call.held" | "call.unheld" | "call.transferred" | "call.recording" | "call.abandoned" | "call.callback_requested" | "call.tagged" | "call.ended";
                    /** Value */
                    value?: string | null;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAccepted"];
                };
            };
            /** @description Missing, wrong or stale signature */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record, or one the caller may not see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a call event (the detail names the field) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    route_waiting_caller_cti_webhooks__connector__route_post: {
        parameters: {
            query?: never;
            header?: {
                "X-CRM-Timestamp"?: string | null;
            };
            path: {
                connector: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Queue
                     * @description The queue's name on the PBX
                     */
                    queue: string;
                    /**
                     * Skills
                     * @description Skills this caller needs beyond the queue's
                     */
                    skills?: string[];
                    /**
                     * Waited Seconds
                     * @description How long the caller has waited
                     */
                    waited_seconds: number;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RouteAnswer"];
                };
            };
            /** @description Missing, wrong or stale signature */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record, or one the caller may not see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a routing request, or an unknown queue (the detail says) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    healthz_healthz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
        };
    };
    list_queues_queues_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueBoard"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    create_queue_queues_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The tenant has a queue of that PBX name already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_queue_queues__queue_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queue_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such queue the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    change_queue_queues__queue_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queue_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such queue the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    set_members_queues__queue_id__members_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queue_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueMembers"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such queue the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    readyz_readyz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description A dependency is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    transfer_targets_transfer_targets_get: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Part of a name, user id or org */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferTargetPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    wallboard_wallboard_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveWallboard"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    wallboard_stream_wallboard_stream_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ``event: wallboard`` with the wallboard (JSON, as ``GET /wallboard`` answers) now and after every change of an agent's state or a call; a comment line every 15 s without a change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
