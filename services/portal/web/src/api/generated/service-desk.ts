// Generated from docs/openapi by `npm run generate`: never edit by hand.
export interface paths {
    "/attachments/{attachment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download Attachment
         * @description The file (or the byte range asked for: 206), for those who may work its ticket or
         *     whose view of it is not masked (a file cannot be masked); every download is recorded in
         *     the personal-data audit.
         */
        get: operations["download_attachment_attachments__attachment_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/business-calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Calendar
         * @description The working calendar the caller's book's SLAs count in (the nearest node's).
         */
        get: operations["get_calendar_business_calendar_get"];
        /**
         * Set Calendar
         * @description The caller's node's working hours, holidays and make-up working days; tickets opened
         *     from then on count their targets in it (open ones when their clock next moves).
         */
        put: operations["set_calendar_business_calendar_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/care-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Actions
         * @description What the care rules did for the customers the caller may see, newest first.
         */
        get: operations["list_actions_care_actions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/care-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Rules
         * @description The care rules of the caller's book and the nodes above it, oldest first, a page at a
         *     time.
         */
        get: operations["list_rules_care_rules_get"];
        put?: never;
        /**
         * Add Rule
         * @description A care rule of the caller's node (HQ's apply to every dealer below it): maintenance
         *     due (months or km since delivery or the last service), insurance renewal (N days before
         *     expiry), birthday, a changed customer value, a problem customer (N complaints in a
         *     window); by SMS, e-mail, or a care call task (``CareDue``). The worker scans hourly; each
         *     rule acts once per customer and period.
         */
        post: operations["add_rule_care_rules_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/care-rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change Rule
         * @description New terms for a care rule of the caller's node, or the rule stopped (``active``:
         *     false) or started again; its kind stays. A rule of a node above (HQ's, a region's) is
         *     changed there only (404 here). An occasion the rule acted on already (a service cycle, a
         *     policy's expiry, a year's birthday) is not acted on again.
         */
        put: operations["change_rule_care_rules__rule_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customer-profiles/{customer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Profile
         * @description The customer's after-sales file in the caller's book (``customer_id``: leads' customer
         *     file): contact, birthday, ToC/ToB, insurance expiry, value tier.
         */
        put: operations["set_profile_customer_profiles__customer_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/escalation-ladder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Ladder
         * @description The escalation ladder (事件升级) of the caller's book (the nearest node's, else the
         *     default: notify at 75 %, team lead at breach, then dealer, region, HQ).
         */
        get: operations["get_ladder_escalation_ladder_get"];
        /** Set Ladder */
        put: operations["set_ladder_escalation_ladder_put"];
        post?: never;
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
    "/knowledge-articles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Articles
         * @description The articles the caller's book reads, most used first; search in Chinese or English
         *     as tickets are searched.
         */
        get: operations["list_articles_knowledge_articles_get"];
        put?: never;
        /**
         * Write Article
         * @description An article of the caller's book, read by it and every book below it (an unknown
         *     ``category`` answers 422).
         */
        post: operations["write_article_knowledge_articles_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/knowledge-articles/{article_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Article */
        get: operations["get_article_knowledge_articles__article_id__get"];
        /**
         * Revise Article
         * @description Only the book that wrote the article revises it.
         */
        put: operations["revise_article_knowledge_articles__article_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/knowledge-articles/{article_id}/uses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count Use
         * @description The article helped with a ticket the caller works: counted once per ticket and noted
         *     in the ticket's history (404 for a ticket or an article the caller may not use).
         */
        post: operations["count_use_knowledge_articles__article_id__uses_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/knowledge-articles/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggest Articles
         * @description Articles for a ticket being written: those sharing most words with its text first.
         */
        get: operations["suggest_articles_knowledge_articles_suggestions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Jobs
         * @description The jobs naming the caller's partner org, newest first.
         */
        get: operations["list_jobs_partner_jobs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/jobs/{ticket_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Job */
        get: operations["get_job_partner_jobs__ticket_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/jobs/{ticket_id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report Progress
         * @description Accept or decline the job, then in progress and done (409 for a step that does not
         *     follow); a note goes on the ticket for the dealer's staff.
         */
        post: operations["report_progress_partner_jobs__ticket_id__progress_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/parts-claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Claims Of Maker
         * @description The claims naming the caller's parts maker org, newest first.
         */
        get: operations["claims_of_maker_partner_parts_claims_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/parts-claims/{claim_id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer Claim
         * @description Accept, reject or ask for more information (409 for a claim not waiting for an
         *     answer); publishes ``PartsClaimUpdated``.
         */
        post: operations["answer_claim_partner_parts_claims__claim_id__answer_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parts-claims/{claim_id}/refiling": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * File Again
         * @description The information the maker asked for: the claim is filed again (409 unless it asked).
         */
        post: operations["file_again_parts_claims__claim_id__refiling_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/surveys/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public Form
         * @description The questions behind a one-time link (no login: the token in the URL is the key).
         */
        get: operations["public_form_public_surveys__token__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/surveys/{token}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public Answer
         * @description The customer's answer; a survey is answered once (409 after), until the link expires.
         */
        post: operations["public_answer_public_surveys__token__answers_post"];
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
    "/service-agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Agreements
         * @description A vehicle's or a customer's agreements that the caller's book honours (its own and
         *     those of the nodes above it), oldest first; name one of them (none: an empty list).
         */
        get: operations["list_agreements_service_agreements_get"];
        put?: never;
        /**
         * Register Agreement
         * @description A maintenance package or extended warranty the caller's book sold for a vehicle (VIN)
         *     or a customer: valid between two days, for some categories of work or any, up to a
         *     mileage, with a number of visits.
         */
        post: operations["register_agreement_service_agreements_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Sla Policies
         * @description The SLA policies that apply to the caller's book (its own and those above it), a page
         *     at a time.
         */
        get: operations["list_sla_policies_sla_policies_get"];
        /**
         * Set Sla Policies
         * @description Replace the caller's node's SLA policies (those of other nodes stay).
         */
        put: operations["set_sla_policies_sla_policies_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/survey-designs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Designs
         * @description Every version of the designs of the caller's node and the nodes above it, by name, a
         *     page at a time.
         */
        get: operations["list_designs_survey_designs_get"];
        put?: never;
        /**
         * Add Design
         * @description A survey design of the caller's node (HQ's and a region's are shared down).
         */
        post: operations["add_design_survey_designs_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/survey-designs/{design_key}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add Version
         * @description The next version of one of the node's designs; answers keep the version they answered.
         */
        post: operations["add_version_survey_designs__design_key__versions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/survey-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Rules
         * @description The survey rules of the caller's node and the nodes above it, a page at a time.
         */
        get: operations["list_rules_survey_rules_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/survey-rules/{trigger}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Rule
         * @description Which design the caller's node sends on a trigger (vehicle_delivered, ticket_resolved,
         *     service_visit), by link (SMS/e-mail to the customer's after-sales contact) or call.
         */
        put: operations["set_rule_survey_rules__trigger__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Surveys */
        get: operations["list_surveys_surveys_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/surveys/{survey_id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer In Call
         * @description The answers taken in the survey call (a low score opens a complaint).
         */
        post: operations["answer_in_call_surveys__survey_id__answers_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/surveys/analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Analysis
         * @description NPS, CSI index, response rate and the answers per question, per dealer, region or
         *     month, or per dealer (region) and month at once (``dealer_month``, ``region_month``: a
         *     chart's series in one request), of the surveys sent in [from, to) — figures of every
         *     book sharing at least figures with the caller. A page of groups at a time, in the order
         *     of their keys (group, then month).
         */
        get: operations["analysis_surveys_analysis_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ticket-categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Categories
         * @description The category tree the caller's book uses (its own and the nodes' above it), by code, a
         *     page at a time.
         */
        get: operations["list_categories_ticket_categories_get"];
        put?: never;
        /**
         * Add Category
         * @description A category of the caller's node, under a parent of its own or of a node above.
         */
        post: operations["add_category_ticket_categories_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Tickets
         * @description The tickets the caller may see, newest first; personal data masked where the caller
         *     may not see it in full. Search by the customer's phone, the VIN, the ticket number, the
         *     customer file, or free text (Chinese or English).
         */
        get: operations["list_tickets_tickets_get"];
        put?: never;
        /**
         * Open Ticket
         * @description Open a ticket in the caller's book (publishes ``service-desk.TicketOpened``). With a
         *     ``phone``, leads' customer directory names the customer file (as far as the caller may
         *     see it); an unknown ``category`` code or ``assignee`` answers 422.
         */
        post: operations["open_ticket_tickets_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Ticket */
        get: operations["get_ticket_tickets__ticket_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/appointment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Schedule Ticket
         * @description Book the service visit (预约) for the ticket: its slot and place.
         */
        post: operations["schedule_ticket_tickets__ticket_id__appointment_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Attachments
         * @description The ticket's files (name, type, size, digest; not their content), oldest first.
         */
        get: operations["list_attachments_tickets__ticket_id__attachments_get"];
        put?: never;
        /**
         * Add Attachment
         * @description Add a file (the raw body) to a ticket the caller works: a photo (JPEG, PNG, HEIC), a
         *     short video (MP4), a PDF or plain text, whose first bytes must match its
         *     ``Content-Type``; over ``CRM_ATTACHMENT_MAX_BYTES`` answers 422 naming ``file``.
         */
        post: operations["add_attachment_tickets__ticket_id__attachments_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/closure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close Ticket
         * @description Close a resolved ticket, with the customer's confirmation when they gave it.
         */
        post: operations["close_ticket_tickets__ticket_id__closure_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/complaint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Handle Complaint
         * @description A complaint's responsible owner and root cause (409 for other kinds of ticket).
         */
        put: operations["handle_complaint_tickets__ticket_id__complaint_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ticket Coverage
         * @description Whether the ticket's work is covered today by an agreement of its vehicle or customer
         *     (the first that covers it), or why not.
         */
        get: operations["ticket_coverage_tickets__ticket_id__coverage_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Entries
         * @description The ticket's notes and replies, oldest first, a page at a time.
         */
        get: operations["list_entries_tickets__ticket_id__entries_get"];
        put?: never;
        /**
         * Add Entry
         * @description An internal note, or a reply to the customer (the first reply meets the first-response
         *     target; a reply to a closed ticket answers 409).
         */
        post: operations["add_entry_tickets__ticket_id__entries_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ticket History
         * @description Who did what and when, and which rule (escalation steps name theirs), oldest first, a
         *     page at a time.
         */
        get: operations["ticket_history_tickets__ticket_id__history_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hold Ticket
         * @description Waiting for the customer or a partner: the SLA clock stands.
         */
        post: operations["hold_ticket_tickets__ticket_id__hold_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge Ticket
         * @description This ticket duplicates ``into``: it is closed into it; the answer is the survivor.
         */
        post: operations["merge_ticket_tickets__ticket_id__merge_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/partner-job": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send To Partner
         * @description Send the ticket's job to a repair or service partner (with instructions, kept as an
         *     internal note the partner reads with the job).
         */
        post: operations["send_to_partner_tickets__ticket_id__partner_job_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/parts-claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Claims Of Ticket */
        get: operations["claims_of_ticket_tickets__ticket_id__parts_claims_get"];
        put?: never;
        /**
         * File Claim
         * @description Claim a faulty part of the ticket's repair from its maker (publishes
         *     ``service-desk.PartsClaimUpdated``, status ``filed``).
         */
        post: operations["file_claim_tickets__ticket_id__parts_claims_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/reassignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reassign Ticket
         * @description Give the ticket to another user of its book (publishes ``TicketReassigned``).
         */
        post: operations["reassign_ticket_tickets__ticket_id__reassignment_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/reopening": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen Ticket */
        post: operations["reopen_ticket_tickets__ticket_id__reopening_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/resolution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve Ticket
         * @description Resolved (publishes ``TicketResolved`` with whether it was on time); a complaint needs
         *     its responsible owner and root cause first (409).
         */
        post: operations["resolve_ticket_tickets__ticket_id__resolution_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume Ticket */
        post: operations["resume_ticket_tickets__ticket_id__resume_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/watchers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Watchers
         * @description The users watching the ticket, by user id, a page at a time.
         */
        get: operations["list_watchers_tickets__ticket_id__watchers_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_id}/watchers/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add Watcher
         * @description The user (the caller, or staff of the ticket's book) follows the ticket.
         */
        put: operations["add_watcher_tickets__ticket_id__watchers__user_id__put"];
        post?: never;
        /** Remove Watcher */
        delete: operations["remove_watcher_tickets__ticket_id__watchers__user_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/quick": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Quick Entry
         * @description Quick entry (one call, the minimum): a phone ticket for the customer leads knows by
         *     that phone, worked by the caller.
         */
        post: operations["quick_entry_tickets_quick_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vehicles/{vin}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Register Vehicle
         * @description A vehicle the caller's dealer services: its customer, last service and mileage.
         */
        put: operations["register_vehicle_vehicles__vin__put"];
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
        /**
         * Action
         * @enum {string}
         */
        Action: "notify_owner" | "reassign_team_lead" | "raise_to_dealer" | "raise_to_region" | "raise_to_hq";
        /** AgreementIn */
        AgreementIn: {
            /**
             * Categories
             * @description Category codes covered; empty: any work
             * @default []
             */
            categories: string[];
            /** Customer Id */
            customer_id?: string | null;
            kind: components["schemas"]["AgreementKind"];
            /** Max Km */
            max_km?: number | null;
            /** Name */
            name: string;
            /**
             * Valid From
             * Format: date
             */
            valid_from: string;
            /**
             * Valid Until
             * Format: date
             */
            valid_until: string;
            /** Vin */
            vin?: string | null;
            /**
             * Visits
             * @description Visits included
             */
            visits?: number | null;
        };
        /**
         * AgreementKind
         * @enum {string}
         */
        AgreementKind: "maintenance_package" | "extended_warranty";
        /** AgreementPublic */
        AgreementPublic: {
            /** Categories */
            categories: string[];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /** Customer Id */
            customer_id: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            kind: components["schemas"]["AgreementKind"];
            /** Max Km */
            max_km: number | null;
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
            /**
             * Valid From
             * Format: date
             */
            valid_from: string;
            /**
             * Valid Until
             * Format: date
             */
            valid_until: string;
            /** Vin */
            vin: string | null;
            /** Visits */
            visits: number | null;
            /** Visits Used */
            visits_used: number;
        };
        /** AnswerRecorded */
        AnswerRecorded: {
            /**
             * Low Score
             * @description A complaint was opened for the customer
             */
            low_score: boolean;
        };
        /** AppointmentIn */
        AppointmentIn: {
            /** Minutes */
            minutes: number;
            /**
             * Place
             * @example bay 3
             */
            place?: string | null;
            /**
             * Starts At
             * Format: date-time
             */
            starts_at: string;
        };
        /** AppointmentOut */
        AppointmentOut: {
            /** Minutes */
            minutes: number;
            /** Place */
            place: string | null;
            /**
             * Starts At
             * Format: date-time
             */
            starts_at: string;
        };
        /** ArticleIn */
        ArticleIn: {
            /**
             * Category
             * @description A category code of the book or above it
             */
            category?: string | null;
            /** Problem */
            problem: string;
            /**
             * Published
             * @description false: a draft only this book sees
             * @default true
             */
            published: boolean;
            /** Solution */
            solution: string;
            /** Title */
            title: string;
        };
        /** ArticlePublic */
        ArticlePublic: {
            /** Category */
            category: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Owner Org */
            owner_org: string;
            /** Problem */
            problem: string;
            /** Published */
            published: boolean;
            /** Solution */
            solution: string;
            /** Title */
            title: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * Uses
             * @description Tickets the article helped with
             */
            uses: number;
        };
        /** ArticleSuggestion */
        ArticleSuggestion: {
            /** Category */
            category: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Owner Org */
            owner_org: string;
            /** Problem */
            problem: string;
            /** Published */
            published: boolean;
            /**
             * Shared Keys
             * @description Search keys shared with the text being written
             */
            shared_keys: number;
            /** Solution */
            solution: string;
            /** Title */
            title: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * Uses
             * @description Tickets the article helped with
             */
            uses: number;
        };
        /** ArticleUse */
        ArticleUse: {
            /**
             * Ticket Id
             * Format: uuid
             */
            ticket_id: string;
        };
        /** ArticleUses */
        ArticleUses: {
            /** Uses */
            uses: number;
        };
        /** AttachmentPublic */
        AttachmentPublic: {
            /** Filename */
            filename: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Media Type */
            media_type: string;
            /** Sha256 */
            sha256: string;
            /** Size */
            size: number;
            /**
             * Ticket Id
             * Format: uuid
             */
            ticket_id: string;
            /**
             * Uploaded At
             * Format: date-time
             */
            uploaded_at: string;
            /** Uploaded By */
            uploaded_by: string;
        };
        /**
         * Calendar
         * @description Working hours per weekday (0 Monday … 6 Sunday; a missing day is closed), holidays,
         *     and make-up working days (调休) with their hours.
         */
        Calendar: {
            /** Holidays */
            holidays?: string[];
            /**
             * Timezone
             * @default Asia/Shanghai
             */
            timezone: string;
            /** Weekly */
            weekly: {
                [key: string]: components["schemas"]["WindowIn"][];
            };
            /** Working Days */
            working_days?: {
                [key: string]: components["schemas"]["WindowIn"][];
            };
        };
        /**
         * CareAction
         * @enum {string}
         */
        CareAction: "sms" | "email" | "call";
        /** CareActionPublic */
        CareActionPublic: {
            action: components["schemas"]["CareAction"];
            /**
             * Customer Id
             * Format: uuid
             */
            customer_id: string;
            /**
             * Due On
             * Format: date
             */
            due_on: string;
            /**
             * Fired At
             * Format: date-time
             */
            fired_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Owner Org */
            owner_org: string;
            /** Period */
            period: string;
            /** Reason */
            reason: string;
            /**
             * Rule Id
             * Format: uuid
             */
            rule_id: string;
        };
        /**
         * CareRuleChange
         * @description A rule's new terms (its kind stays: another kind is another rule) and whether it acts.
         */
        CareRuleChange: {
            /** @description sms, email, or call (a care call task) */
            action: components["schemas"]["CareAction"];
            /**
             * Active
             * @description false: the scan leaves the rule out until reactivated
             */
            active: boolean;
            /**
             * Complaints
             * @default 3
             */
            complaints: number;
            /**
             * Days Before
             * @default 0
             */
            days_before: number;
            /** Km */
            km?: number | null;
            /**
             * Message
             * @example {name}您好, 您的爱车 {vin} 将于 {date} 到期保养
             */
            message: string;
            /** Months */
            months?: number | null;
            segment: components["schemas"]["Segment"];
            /**
             * Window Days
             * @default 30
             */
            window_days: number;
        };
        /**
         * CareRuleIn
         * @description A care rule of the caller's node, for ToC or ToB customers.
         */
        CareRuleIn: {
            /** @description sms, email, or call (a care call task) */
            action: components["schemas"]["CareAction"];
            /**
             * Complaints
             * @default 3
             */
            complaints: number;
            /**
             * Days Before
             * @default 0
             */
            days_before: number;
            kind: components["schemas"]["RuleKind"];
            /** Km */
            km?: number | null;
            /**
             * Message
             * @example {name}您好, 您的爱车 {vin} 将于 {date} 到期保养
             */
            message: string;
            /** Months */
            months?: number | null;
            segment: components["schemas"]["Segment"];
            /**
             * Window Days
             * @default 30
             */
            window_days: number;
        };
        /** CareRulePublic */
        CareRulePublic: {
            action: components["schemas"]["CareAction"];
            /** Active */
            active: boolean;
            /** Changed At */
            changed_at: string | null;
            /**
             * Changed By
             * @description Who last changed or stopped it, if anyone
             */
            changed_by: string | null;
            /** Complaints */
            complaints: number;
            /** Days Before */
            days_before: number;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            kind: components["schemas"]["RuleKind"];
            /** Km */
            km: number | null;
            /** Message */
            message: string;
            /** Months */
            months: number | null;
            /** Owner Org */
            owner_org: string;
            segment: components["schemas"]["Segment"];
            /** Window Days */
            window_days: number;
        };
        /** CategoryCreate */
        CategoryCreate: {
            /** Code */
            code: string;
            /** @default normal */
            default_priority: components["schemas"]["Priority"];
            /** Name */
            name: string;
            /** Parent Code */
            parent_code?: string | null;
        };
        /** CategoryPublic */
        CategoryPublic: {
            /** Active */
            active: boolean;
            /** Code */
            code: string;
            default_priority: components["schemas"]["Priority"];
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
            /** Parent Id */
            parent_id: string | null;
        };
        /**
         * Channel
         * @enum {string}
         */
        Channel: "walk_in" | "phone" | "portal" | "partner" | "campaign_form" | "survey";
        /** Closure */
        Closure: {
            /**
             * Customer Satisfied
             * @description The customer's confirmation; null: closed without it
             */
            customer_satisfied?: boolean | null;
        };
        /** ComplaintHandling */
        ComplaintHandling: {
            /** Responsible User */
            responsible_user?: string | null;
            /** Root Cause */
            root_cause?: string | null;
        };
        /** ComplaintOut */
        ComplaintOut: {
            /** Customer Confirmed At */
            customer_confirmed_at: string | null;
            /** Customer Satisfied */
            customer_satisfied: boolean | null;
            /** Responsible User */
            responsible_user: string | null;
            /** Root Cause */
            root_cause: string | null;
        };
        /** CoveragePublic */
        CoveragePublic: {
            /**
             * Agreement Id
             * @description The agreement that covers the work
             */
            agreement_id: string | null;
            /**
             * Agreements
             * @description The vehicle's or customer's agreements, the oldest 200: the ones coverage weighed
             */
            agreements: components["schemas"]["AgreementPublic"][];
            /**
             * Agreements Truncated
             * @description The vehicle or customer has more agreements than coverage weighed
             */
            agreements_truncated: boolean;
            /** Covered */
            covered: boolean;
            /**
             * Mileage Km
             * @description The vehicle's last known mileage
             */
            mileage_km: number | null;
            /** Reason */
            reason: string;
            /**
             * Visit Used
             * @description The ticket, resolved, used up a visit of the agreement that covers it
             */
            visit_used: boolean;
        };
        /** CustomerOut */
        CustomerOut: {
            /** Customer Id */
            customer_id: string | null;
            /**
             * Name
             * @description Masked unless the caller may see it in full
             */
            name: string | null;
            /**
             * Phone
             * @description Masked unless the caller may see it in full
             */
            phone: string | null;
        };
        /**
         * DesignCreate
         * @description A survey design (NPS 0-10, CSI scales, single/multiple choice, free text).
         */
        DesignCreate: {
            /**
             * Low Csi Below
             * @default 60
             */
            low_csi_below: number;
            /**
             * Low Nps At Most
             * @default 6
             */
            low_nps_at_most: number;
            /**
             * Name
             * @example 交车满意度 Delivery survey
             */
            name: string;
            /** Questions */
            questions: components["schemas"]["QuestionIn"][];
        };
        /** DesignCreated */
        DesignCreated: {
            /**
             * Design Key
             * Format: uuid
             * @description Shared by the design's versions
             */
            design_key: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Version */
            version: number;
        };
        /** DesignPublic */
        DesignPublic: {
            /**
             * Design Key
             * Format: uuid
             */
            design_key: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Low Csi Below */
            low_csi_below: number;
            /** Low Nps At Most */
            low_nps_at_most: number;
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
            /** Questions */
            questions: {
                [key: string]: unknown;
            }[];
            /** Version */
            version: number;
        };
        /** EntryAdded */
        EntryAdded: {
            /** Id */
            id: number;
        };
        /** EntryCreate */
        EntryCreate: {
            /** Body */
            body: string;
            /** @description note: internal; reply: to the customer */
            kind: components["schemas"]["EntryKind"];
        };
        /**
         * EntryKind
         * @enum {string}
         */
        EntryKind: "note" | "reply";
        /** EntryPublic */
        EntryPublic: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Author */
            author: string;
            /** Body */
            body: string;
            /** Id */
            id: number;
            kind: components["schemas"]["EntryKind"];
        };
        /** EscalationLadder */
        EscalationLadder: {
            /** Steps */
            steps: components["schemas"]["LadderStep"][];
            /**
             * Team Lead
             * @description Who a reassign_team_lead step hands over to
             */
            team_lead?: string | null;
        };
        /** HistoryEntry */
        HistoryEntry: {
            /** Action */
            action: string;
            /** Actor */
            actor: string;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Detail */
            detail: {
                [key: string]: unknown;
            };
            /** Rule */
            rule: string | null;
        };
        /** Hold */
        Hold: {
            waiting_for: components["schemas"]["WaitingFor"];
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** LadderStep */
        LadderStep: {
            action: components["schemas"]["Action"];
            /** Name */
            name: string;
            /**
             * Percent
             * @description Share of the target used up; 100: breach
             */
            percent: number;
            target: components["schemas"]["Target"];
        };
        /** LinksIn */
        LinksIn: {
            /** Call Id */
            call_id?: string | null;
            /** Lead Id */
            lead_id?: string | null;
            /** Opportunity Id */
            opportunity_id?: string | null;
            /** Order Id */
            order_id?: string | null;
        };
        /** LinksOut */
        LinksOut: {
            /** Call Id */
            call_id: string | null;
            /** Lead Id */
            lead_id: string | null;
            /** Opportunity Id */
            opportunity_id: string | null;
            /** Order Id */
            order_id: string | null;
        };
        /** Merge */
        Merge: {
            /**
             * Into
             * Format: uuid
             * @description The ticket this one duplicates
             */
            into: string;
        };
        /**
         * PartnerJobPublic
         * @description A ticket's job as its partner sees it: the customer masked unless the dealer shares
         *     tickets with the partner in full.
         */
        PartnerJobPublic: {
            appointment: components["schemas"]["AppointmentOut"] | null;
            /** Customer Name */
            customer_name: string | null;
            /** Customer Phone */
            customer_phone: string | null;
            /** Dealer Id */
            dealer_id: string;
            /** Description */
            description: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Instructions
             * @description What the dealer asked for when it sent the job
             */
            instructions?: string | null;
            kind: components["schemas"]["TicketKind"];
            /** Number */
            number: string;
            /**
             * Opened At
             * Format: date-time
             */
            opened_at: string;
            partner_status: components["schemas"]["PartnerStatus"] | null;
            priority: components["schemas"]["Priority"];
            /** Status */
            status: string;
            /** Subject */
            subject: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Vehicle Model */
            vehicle_model: string | null;
            /** Vin */
            vin: string | null;
        };
        /** PartnerJobRequest */
        PartnerJobRequest: {
            /** Instructions */
            instructions?: string | null;
            /**
             * Partner Org
             * @description The partner's org node
             */
            partner_org: string;
        };
        /** PartnerProgress */
        PartnerProgress: {
            /** Note */
            note?: string | null;
            status: components["schemas"]["PartnerStatus"];
        };
        /**
         * PartnerStatus
         * @description Where a repair or service partner has the job sent to it.
         * @enum {string}
         */
        PartnerStatus: "sent" | "accepted" | "declined" | "in_progress" | "done";
        /** PartsClaimAnswer */
        PartsClaimAnswer: {
            /** Answer */
            answer?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "accepted" | "rejected" | "more_information";
        };
        /** PartsClaimIn */
        PartsClaimIn: {
            /**
             * Description
             * @default
             */
            description: string;
            /** Part Number */
            part_number: string;
            /**
             * Partner Id
             * @description The parts maker's org
             */
            partner_id: string;
            /**
             * Quantity
             * @default 1
             */
            quantity: number;
        };
        /** PartsClaimPublic */
        PartsClaimPublic: {
            /** Answer */
            answer: string | null;
            /** Dealer Id */
            dealer_id: string;
            /** Description */
            description: string;
            /**
             * Filed At
             * Format: date-time
             */
            filed_at: string;
            /** Filed By */
            filed_by: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Number
             * @description The ticket's number
             */
            number: string;
            /** Part Number */
            part_number: string;
            /** Partner Id */
            partner_id: string;
            /** Quantity */
            quantity: number;
            /**
             * Status
             * @enum {string}
             */
            status: "filed" | "accepted" | "rejected" | "more_information";
            /**
             * Subject
             * @description The ticket's subject
             */
            subject: string;
            /**
             * Ticket Id
             * Format: uuid
             */
            ticket_id: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Vin */
            vin: string | null;
        };
        /** PartsClaimRefiling */
        PartsClaimRefiling: {
            /** Information */
            information: string;
        };
        /**
         * Priority
         * @enum {string}
         */
        Priority: "urgent" | "high" | "normal" | "low";
        /** ProfileIn */
        ProfileIn: {
            /** Birthday */
            birthday?: string | null;
            /** Company */
            company?: string | null;
            /** Email */
            email?: string | null;
            /** Insurance Expires On */
            insurance_expires_on?: string | null;
            /** Name */
            name: string;
            /** Phone */
            phone?: string | null;
            /** @description toc: a private customer; tob: a business */
            segment: components["schemas"]["Segment"];
            /**
             * Value Tier
             * @example gold
             */
            value_tier?: string | null;
        };
        /** ProfileSaved */
        ProfileSaved: {
            /**
             * Customer Id
             * Format: uuid
             */
            customer_id: string;
            /** Owner Org */
            owner_org: string;
        };
        /** PublicForm */
        PublicForm: {
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /** Name */
            name: string;
            /** Questions */
            questions: {
                [key: string]: unknown;
            }[];
        };
        /** QuestionIn */
        QuestionIn: {
            /** Code */
            code: string;
            kind: components["schemas"]["QuestionKind"];
            /** Options */
            options?: string[];
            /**
             * Required
             * @default true
             */
            required: boolean;
            /**
             * Scale Max
             * @description CSI scale: 5, 7 or 10
             * @default 5
             */
            scale_max: number;
            /** Text */
            text: string;
            /**
             * Weight
             * @default 1
             */
            weight: number;
        };
        /**
         * QuestionKind
         * @enum {string}
         */
        QuestionKind: "nps" | "csi" | "single_choice" | "multiple_choice" | "text";
        /**
         * QuickTicket
         * @description Quick entry (快速录入): the phone and what the customer wants, nothing else; the rest
         *     takes its defaults (phone channel, service request, normal priority, the caller).
         */
        QuickTicket: {
            /** @default service_request */
            kind: components["schemas"]["TicketKind"];
            /**
             * Phone
             * @example 138 0013 8000
             */
            phone: string;
            /**
             * Subject
             * @example 预约保养 book a service
             */
            subject: string;
        };
        /** Reassignment */
        Reassignment: {
            /** Assignee */
            assignee: string;
        };
        /** Reopening */
        Reopening: {
            /** Reason */
            reason: string;
        };
        /** Resolution */
        Resolution: {
            /** Resolution */
            resolution: string;
        };
        /**
         * RuleKind
         * @enum {string}
         */
        RuleKind: "maintenance_due" | "insurance_renewal" | "birthday" | "value_changed" | "problem_customer";
        /**
         * Segment
         * @enum {string}
         */
        Segment: "toc" | "tob";
        /**
         * SlaPolicies
         * @description The node's SLA policies in business minutes; a nearer node's rule wins, then the most
         *     specific rule (category and priority, category, priority, any).
         */
        SlaPolicies: {
            /** Policies */
            policies: components["schemas"]["SlaRule"][];
        };
        /** SlaPolicyPublic */
        SlaPolicyPublic: {
            /** Category Id */
            category_id: string | null;
            /** First Response Minutes */
            first_response_minutes: number | null;
            /** Owner Org */
            owner_org: string;
            priority: components["schemas"]["Priority"] | null;
            /** Resolution Minutes */
            resolution_minutes: number | null;
        };
        /** SlaRule */
        SlaRule: {
            /**
             * Category Code
             * @description null: any
             */
            category_code?: string | null;
            /** First Response Minutes */
            first_response_minutes?: number | null;
            /** @description null: any */
            priority?: components["schemas"]["Priority"] | null;
            /** Resolution Minutes */
            resolution_minutes?: number | null;
        };
        /**
         * SurveyAnswers
         * @description Answers by question code: NPS and CSI as whole numbers, a choice as its option, several
         *     choices as a list of options, free text as text.
         */
        SurveyAnswers: {
            /** Answers */
            answers: {
                [key: string]: number | string | string[];
            };
        };
        /**
         * SurveyChannel
         * @enum {string}
         */
        SurveyChannel: "call" | "link";
        /** SurveyGroup */
        SurveyGroup: {
            /** Answered */
            answered: number;
            /**
             * Csi
             * @description Mean CSI index, 0-100
             */
            csi: number | null;
            /**
             * Group
             * @description The dealer, region or month; 'total' for the total
             */
            group: string;
            /** Low Scores */
            low_scores: number;
            /**
             * Month
             * @description YYYY-MM with per=dealer_month or region_month
             */
            month?: string | null;
            /**
             * Nps
             * @description % promoters (9-10) - % detractors (0-6)
             */
            nps: number | null;
            /**
             * Questions
             * @description Answers per option or score
             */
            questions: {
                [key: string]: {
                    [key: string]: number;
                };
            };
            /**
             * Response Rate
             * @description % of the surveys sent that were answered
             */
            response_rate: number;
            /** Sent */
            sent: number;
        };
        /** SurveyPublic */
        SurveyPublic: {
            /** Answered At */
            answered_at: string | null;
            /** Channel */
            channel: string;
            /** Complaint Ticket Id */
            complaint_ticket_id: string | null;
            /** Csi */
            csi: number | null;
            /** Customer Id */
            customer_id: string | null;
            /**
             * Design Id
             * Format: uuid
             */
            design_id: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Low Score */
            low_score: boolean | null;
            /** Nps */
            nps: number | null;
            /** Owner Org */
            owner_org: string;
            /**
             * Requested At
             * Format: date-time
             */
            requested_at: string;
            /** Ticket Id */
            ticket_id: string | null;
            /** Trigger */
            trigger: string;
            /** Vin */
            vin: string | null;
        };
        /** SurveyRuleIn */
        SurveyRuleIn: {
            /** @default link */
            channel: components["schemas"]["SurveyChannel"];
            /**
             * Complaint Owner
             * @description Who owns the complaint a low score opens
             */
            complaint_owner?: string | null;
            /**
             * Design Key
             * Format: uuid
             */
            design_key: string;
            /**
             * Link Days
             * @description Days the one-time link works
             * @default 14
             */
            link_days: number;
        };
        /** SurveyRulePublic */
        SurveyRulePublic: {
            channel: components["schemas"]["SurveyChannel"];
            /** Complaint Owner */
            complaint_owner: string | null;
            /**
             * Design Key
             * Format: uuid
             */
            design_key: string;
            /** Link Days */
            link_days: number;
            /** Owner Org */
            owner_org: string;
            trigger: components["schemas"]["Trigger"];
        };
        /**
         * Target
         * @enum {string}
         */
        Target: "first_response" | "resolution";
        /**
         * TicketCreate
         * @description A ticket in the caller's book. The customer is found in leads by ``phone`` (the
         *     customer file it belongs to, if the caller may see it).
         */
        TicketCreate: {
            /**
             * Assignee
             * @description A user of the book; default: the caller
             */
            assignee?: string | null;
            /**
             * Category
             * @description Category code (see /ticket-categories)
             */
            category?: string | null;
            /** @default walk_in */
            channel: components["schemas"]["Channel"];
            /** Customer Name */
            customer_name?: string | null;
            /**
             * Description
             * @default
             */
            description: string;
            /** @default service_request */
            kind: components["schemas"]["TicketKind"];
            links?: components["schemas"]["LinksIn"];
            /**
             * Phone
             * @example 138 0013 8000
             */
            phone?: string | null;
            /** @description Default: the category's default priority, else normal */
            priority?: components["schemas"]["Priority"] | null;
            /**
             * Subject
             * @example 刹车异响 brake noise
             */
            subject: string;
            /** Vehicle Model */
            vehicle_model?: string | null;
            /** Vin */
            vin?: string | null;
        };
        /**
         * TicketKind
         * @enum {string}
         */
        TicketKind: "service_request" | "complaint" | "feedback" | "inquiry";
        /** TicketPublic */
        TicketPublic: {
            appointment: components["schemas"]["AppointmentOut"] | null;
            /** Category Id */
            category_id: string | null;
            channel: components["schemas"]["Channel"];
            /** Closed At */
            closed_at: string | null;
            complaint: components["schemas"]["ComplaintOut"] | null;
            /** Created By */
            created_by: string;
            customer: components["schemas"]["CustomerOut"];
            /** Description */
            description: string;
            /** Escalation Steps */
            escalation_steps: string[];
            /** First Responded At */
            first_responded_at: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            kind: components["schemas"]["TicketKind"];
            links: components["schemas"]["LinksOut"];
            /**
             * May Change
             * @description The caller may work it (with ticket.manage): it lies in their own write scope or the escalation ladder raised it to their node; otherwise they only read it
             */
            may_change: boolean;
            /** Merged Into */
            merged_into: string | null;
            /** Number */
            number: string;
            /**
             * Opened At
             * Format: date-time
             */
            opened_at: string;
            /** Owner Org */
            owner_org: string;
            /** Owner User */
            owner_user: string | null;
            /** Partner Org */
            partner_org: string | null;
            partner_status?: components["schemas"]["PartnerStatus"] | null;
            priority: components["schemas"]["Priority"];
            /**
             * Raised To Org
             * @description Where the escalation ladder raised it
             */
            raised_to_org: string | null;
            /** Resolution */
            resolution: string | null;
            /**
             * Resolve Due At
             * @description Resolution target, while the clock runs
             */
            resolve_due_at: string | null;
            /** Resolved At */
            resolved_at: string | null;
            /**
             * Response Due At
             * @description First-response target, while open
             */
            response_due_at: string | null;
            /** Status */
            status: string;
            /** Subject */
            subject: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            vehicle: components["schemas"]["VehicleOut"];
            waiting_for: components["schemas"]["WaitingFor"] | null;
        };
        /**
         * Trigger
         * @enum {string}
         */
        Trigger: "vehicle_delivered" | "ticket_resolved" | "service_visit" | "manual";
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
        /** VehicleIn */
        VehicleIn: {
            /** Customer Id */
            customer_id?: string | null;
            /** Delivered On */
            delivered_on?: string | null;
            /** Last Service On */
            last_service_on?: string | null;
            /** Mileage Km */
            mileage_km?: number | null;
            /** Model */
            model?: string | null;
        };
        /** VehicleOut */
        VehicleOut: {
            /** Model */
            model: string | null;
            /** Vin */
            vin: string | null;
        };
        /** VehicleSaved */
        VehicleSaved: {
            /** Owner Org */
            owner_org: string;
            /** Vin */
            vin: string;
        };
        /**
         * WaitingFor
         * @enum {string}
         */
        WaitingFor: "customer" | "partner";
        /** WindowIn */
        WindowIn: {
            /**
             * Closes
             * @example 08:30
             */
            closes: string;
            /**
             * Opens
             * @example 08:30
             */
            opens: string;
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
    download_attachment_attachments__attachment_id__get: {
        parameters: {
            query?: never;
            header?: {
                range?: string | null;
            };
            path: {
                attachment_id: string;
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
                    "application/pdf": string;
                    "image/heic": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "text/plain": string;
                    "video/mp4": string;
                };
            };
            /** @description The byte range asked for (Range: bytes=…) */
            206: {
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
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such file the caller may open */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The range starts past the end of the file */
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
    get_calendar_business_calendar_get: {
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
                    "application/json": components["schemas"]["Calendar"];
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
        };
    };
    set_calendar_business_calendar_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Calendar"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Calendar"];
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
    list_actions_care_actions_get: {
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
                    "application/json": components["schemas"]["CareActionPublic"][];
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
    list_rules_care_rules_get: {
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
                    "application/json": components["schemas"]["CareRulePublic"][];
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
    add_rule_care_rules_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CareRuleIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CareRulePublic"];
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
    change_rule_care_rules__rule_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CareRuleChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CareRulePublic"];
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
            /** @description No such ticket the caller may see (or change) */
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
    set_profile_customer_profiles__customer_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customer_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProfileSaved"];
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
            /** @description No such ticket the caller may see (or change) */
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
    get_ladder_escalation_ladder_get: {
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
                    "application/json": components["schemas"]["EscalationLadder"];
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
        };
    };
    set_ladder_escalation_ladder_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EscalationLadder"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationLadder"];
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
    list_articles_knowledge_articles_get: {
        parameters: {
            query?: {
                category?: string | null;
                limit?: number;
                offset?: number;
                /** @description Words of the title, problem or solution */
                q?: string | null;
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
                    "application/json": components["schemas"]["ArticlePublic"][];
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
    write_article_knowledge_articles_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArticleIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticlePublic"];
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
    get_article_knowledge_articles__article_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: string;
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
                    "application/json": components["schemas"]["ArticlePublic"];
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
            /** @description No such article the caller's book reads (or wrote) */
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
    revise_article_knowledge_articles__article_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArticleIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticlePublic"];
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
            /** @description No such article the caller's book reads (or wrote) */
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
    count_use_knowledge_articles__article_id__uses_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArticleUse"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleUses"];
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
            /** @description No such ticket the caller may see (or change) */
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
    suggest_articles_knowledge_articles_suggestions_get: {
        parameters: {
            query: {
                category?: string | null;
                limit?: number;
                /** @description The ticket being written */
                text: string;
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
                    "application/json": components["schemas"]["ArticleSuggestion"][];
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
    list_jobs_partner_jobs_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: components["schemas"]["PartnerStatus"] | null;
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
                    "application/json": components["schemas"]["PartnerJobPublic"][];
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
    get_job_partner_jobs__ticket_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": components["schemas"]["PartnerJobPublic"];
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
            /** @description No such job naming the caller's org */
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
    report_progress_partner_jobs__ticket_id__progress_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnerProgress"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerJobPublic"];
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
            /** @description No such job naming the caller's org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    claims_of_maker_partner_parts_claims_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: ("filed" | "accepted" | "rejected" | "more_information") | null;
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
                    "application/json": components["schemas"]["PartsClaimPublic"][];
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
    answer_claim_partner_parts_claims__claim_id__answer_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartsClaimAnswer"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartsClaimPublic"];
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
            /** @description No such claim the caller may act on */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    file_again_parts_claims__claim_id__refiling_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartsClaimRefiling"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartsClaimPublic"];
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
            /** @description No such claim the caller may act on */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    public_form_public_surveys__token__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
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
                    "application/json": components["schemas"]["PublicForm"];
                };
            };
            /** @description No such survey link */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Answered already, or expired */
            409: {
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
            /** @description Too many tries for this link */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    public_answer_public_surveys__token__answers_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveyAnswers"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerRecorded"];
                };
            };
            /** @description No such survey link */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Answered already, or expired */
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
            /** @description Too many tries for this link */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
    list_agreements_service_agreements_get: {
        parameters: {
            query?: {
                customer_id?: string | null;
                limit?: number;
                offset?: number;
                vin?: string | null;
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
                    "application/json": components["schemas"]["AgreementPublic"][];
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
    register_agreement_service_agreements_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgreementIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgreementPublic"];
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
    list_sla_policies_sla_policies_get: {
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
                    "application/json": components["schemas"]["SlaPolicyPublic"][];
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
    set_sla_policies_sla_policies_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SlaPolicies"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPolicyPublic"][];
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
    list_designs_survey_designs_get: {
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
                    "application/json": components["schemas"]["DesignPublic"][];
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
    add_design_survey_designs_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DesignCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DesignCreated"];
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
    add_version_survey_designs__design_key__versions_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                design_key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DesignCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DesignCreated"];
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
            /** @description No such ticket the caller may see (or change) */
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
    list_rules_survey_rules_get: {
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
                    "application/json": components["schemas"]["SurveyRulePublic"][];
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
    set_rule_survey_rules__trigger__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                trigger: components["schemas"]["Trigger"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveyRuleIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyRulePublic"];
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
    list_surveys_surveys_get: {
        parameters: {
            query?: {
                answered?: boolean | null;
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
                    "application/json": components["schemas"]["SurveyPublic"][];
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
    answer_in_call_surveys__survey_id__answers_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                survey_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveyAnswers"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerRecorded"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    analysis_surveys_analysis_get: {
        parameters: {
            query: {
                design_key?: string | null;
                from: string;
                limit?: number;
                offset?: number;
                per?: "dealer" | "region" | "month" | "total" | "dealer_month" | "region_month";
                /** @description Exclusive */
                to: string;
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
                    "application/json": components["schemas"]["SurveyGroup"][];
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
    list_categories_ticket_categories_get: {
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
                    "application/json": components["schemas"]["CategoryPublic"][];
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
    add_category_ticket_categories_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CategoryCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryPublic"];
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
            /** @description The ticket's state does not allow it (the detail says why) */
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
    list_tickets_tickets_get: {
        parameters: {
            query?: {
                customer_id?: string | null;
                kind?: components["schemas"]["TicketKind"] | null;
                limit?: number;
                number?: string | null;
                offset?: number;
                owner_user?: string | null;
                phone?: string | null;
                /** @description Words of the subject, text or name */
                q?: string | null;
                status?: string | null;
                vin?: string | null;
                /** @description Only the tickets the caller watches */
                watching?: boolean;
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
                    "application/json": components["schemas"]["TicketPublic"][];
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
    open_ticket_tickets_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
    get_ticket_tickets__ticket_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
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
    schedule_ticket_tickets__ticket_id__appointment_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppointmentIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    list_attachments_tickets__ticket_id__attachments_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": components["schemas"]["AttachmentPublic"][];
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
            /** @description No such ticket the caller may see (or change) */
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
    add_attachment_tickets__ticket_id__attachments_post: {
        parameters: {
            query?: {
                /** @description The name offered on download */
                filename?: string;
            };
            header?: {
                "content-type"?: string | null;
            };
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/pdf": string;
                "image/heic": string;
                "image/jpeg": string;
                "image/png": string;
                "text/plain": string;
                "video/mp4": string;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentPublic"];
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
            /** @description No such ticket the caller may see (or change) */
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
    close_ticket_tickets__ticket_id__closure_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Closure"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    handle_complaint_tickets__ticket_id__complaint_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComplaintHandling"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    ticket_coverage_tickets__ticket_id__coverage_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": components["schemas"]["CoveragePublic"];
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
            /** @description No such ticket the caller may see (or change) */
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
    list_entries_tickets__ticket_id__entries_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": components["schemas"]["EntryPublic"][];
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
            /** @description No such ticket the caller may see (or change) */
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
    add_entry_tickets__ticket_id__entries_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntryCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryAdded"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    ticket_history_tickets__ticket_id__history_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": components["schemas"]["HistoryEntry"][];
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
            /** @description No such ticket the caller may see (or change) */
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
    hold_ticket_tickets__ticket_id__hold_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Hold"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    merge_ticket_tickets__ticket_id__merge_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Merge"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    send_to_partner_tickets__ticket_id__partner_job_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnerJobRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    claims_of_ticket_tickets__ticket_id__parts_claims_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": components["schemas"]["PartsClaimPublic"][];
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
            /** @description No such ticket the caller may see (or change) */
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
    file_claim_tickets__ticket_id__parts_claims_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartsClaimIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartsClaimPublic"];
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
            /** @description No such ticket the caller may see (or change) */
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
    reassign_ticket_tickets__ticket_id__reassignment_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reassignment"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    reopen_ticket_tickets__ticket_id__reopening_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reopening"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    resolve_ticket_tickets__ticket_id__resolution_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Resolution"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    resume_ticket_tickets__ticket_id__resume_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": components["schemas"]["TicketPublic"];
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
            /** @description No such ticket the caller may see (or change) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticket's state does not allow it (the detail says why) */
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
    list_watchers_tickets__ticket_id__watchers_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                ticket_id: string;
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
                    "application/json": string[];
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
            /** @description No such ticket the caller may see (or change) */
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
    add_watcher_tickets__ticket_id__watchers__user_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
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
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such ticket the caller may see (or change) */
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
    remove_watcher_tickets__ticket_id__watchers__user_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
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
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such ticket the caller may see (or change) */
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
    quick_entry_tickets_quick_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuickTicket"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPublic"];
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
    register_vehicle_vehicles__vin__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                vin: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VehicleIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VehicleSaved"];
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
            /** @description No such ticket the caller may see (or change) */
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
}
