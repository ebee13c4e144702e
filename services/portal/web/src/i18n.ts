// The portal's words in Chinese (the default) and English; the user's choice is remembered in
// the browser (a preference, not a secret).
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { AFTER_SALES_EN, AFTER_SALES_ZH } from "./i18nAfterSales";
import { CUSTOMERS_EN, CUSTOMERS_ZH } from "./i18nCustomers";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const zh = {
  app: { title: "汽车价值链 CRM", logout: "退出", language: "English", notAvailable: "暂不可用", notAvailableHint: "您无权查看此内容，或该内容不存在。", error: "出错了", retry: "重试", saved: "已保存", loading: "加载中" },
  login: { title: "登录", username: "用户名", password: "密码", submit: "登录", failed: "用户名或密码错误" },
  portal: { workspace: "销售工作台", dealer: "经销商管理", hq: "总部门户", partner: "合作伙伴", service: "服务与呼叫中心" },
  menu: { myLeads: "我的线索", pool: "公海线索池", reception: "客户接待", board: "商机看板", funnel: "销售漏斗", myTargets: "我的目标", assign: "线索分配", approvals: "审批", poolRules: "线索池规则", imports: "线索导入", salesMeeting: "销售晨会", teamTargets: "团队目标", sharing: "数据共享", users: "用户", dashboard: "总部看板", distribution: "线索下发", catalogue: "车型目录", targetCascade: "目标分解", org: "组织架构", applications: "申请队列", tickets: "服务工单", console: "坐席控制台", callTasks: "外呼任务", calls: "通话记录", wallboard: "监控大屏", recordings: "录音质检" },
  service: { dial: "拨打", dialled: "已发起呼叫", cancelReason: "取消原因", requestCancel: "申请取消" },
  console: { state: "坐席状态", now: "当前状态", connected: "来电推送已连接", disconnected: "来电推送未连接", incoming: "来电弹屏", earlier: "此前来电", noCalls: "暂无来电", rangAt: "振铃时间", newTicket: "为此来电新建工单", newTicketForm: "新建工单", newLead: "为此来电新建线索", customerName: "客户姓名", subject: "主题", leadCreated: "线索已创建", ticketOpened: "工单 {{number}} 已创建", kind: { unknown: "未知来电", routing: "仅供转接", customer: "客户来电" }, field: { customer_phone: "电话", owner_org: "所属组织", owner_user: "负责人", status: "线索状态", grade: "意向级别" } },
  calls: { controls: "通话控制", answerOnPhone: "请在话机上接听", hangUp: "挂断", transfer: "转接", transferKind: "转接对象", toAgent: "坐席/顾问", toQueue: "队列", target: "转接给", targetHint: "按姓名搜索坐席、顾问或队列", attended: "咨询转接(先与对方通话)", transferred: "已发起转接", hungUp: "已挂断", wrapUp: "话后小结", disposition: "通话结果", notes: "备注", saveWrapUp: "保存小结", direction: "方向", talk: "通话(秒)", recording: "录音" },
  wallboard: { live: "实时推送已连接", offline: "实时推送未连接", waiting: "排队中", longestWait: "最长等待", serviceLevel: "服务水平", abandonRate: "放弃率", answered: "已接听", offered: "呼入", agents: "坐席", state: "状态", since: "自", aht: "平均处理时长(秒)", today: "今日", perAgent: "今日坐席接听量", occupancy: "占用率", abandoned: "放弃", byHour: "今日分时段来电", byDealer: "按经销商", dealer: "经销商", outbound: "外呼接通/外呼" },
  qa: { listen: "收听", form: "质检评分表", score: "评分", total: "总分", comment: "评语", submit: "提交评分", scored: "已评分", comments: "点评", addComment: "在当前时刻点评", at: "时刻", reviews: "评分记录", reviewer: "质检员", average: "平均分", noRecording: "无录音" },
  agentState: { ready: "就绪", break: "小休", wrap_up: "话后整理", offline: "离线", ringing: "振铃中", on_call: "通话中" },
  afterSales: { title: "售后", covered: "在保", notCovered: "不在保", articles: "知识库推荐", noArticles: "没有相近的文章", files: "附件", noFiles: "没有附件" },
  ticket: { quickEntry: "快速录入", quickSave: "录入工单", subject: "事由", kind: "工单类型", number: "工单号", detail: "工单详情", priority: "优先级", channel: "渠道", owner: "负责人", me: "我", unassigned: "未分配", opened: "创建时间", customer: "客户", phone: "电话", vehicle: "车辆", sla: "SLA", escalation: "升级", notEscalated: "未升级", level: "第 {{level}} 级", raisedTo: "上报至 {{org}}", mine: "只看我的", all: "全部", search: "搜索工单", entries: "回复与备注", entryKind: "记录类型", reply: "客户可见回复", note: "内部备注", entryBody: "内容", addEntry: "添加", entryAdded: "已添加", history: "处理记录", escalated: "升级", reassign: "改派", assignee: "改派给", resolution: "解决方案", resolve: "解决", close: "关闭工单", satisfaction: "客户确认", satisfied: "满意", unsatisfied: "不满意", unconfirmed: "未确认", reopen: "重新打开", reopenReason: "重开原因", hold: "等待客户", resume: "恢复处理", waitingFor: "等待", actions: "处理" },
  ticketAction: { attached: "添加附件", article_used: "引用知识库", sent_to_partner: "派给合作方", partner_progress: "合作方进度", parts_claim: "零部件索赔", opened: "创建", reassigned: "改派", waiting: "等待", resumed: "恢复处理", resolved: "解决", closed: "关闭", reopened: "重新打开", merged: "合并", merged_in: "并入", scheduled: "预约", complaint_handling: "投诉处理", notify_owner: "提醒负责人", reassign_team_lead: "转组长", raise_to_dealer: "上报经销商", raise_to_region: "上报大区", raise_to_hq: "上报总部" },
  ticketStatus: { open: "待处理", waiting: "等待中", resolved: "已解决", closed: "已关闭", merged: "已合并" },
  ticketKind: { service_request: "服务请求", complaint: "投诉", feedback: "反馈", inquiry: "咨询" },
  priority: { urgent: "紧急", high: "高", normal: "普通", low: "低" },
  channel: { walk_in: "到店", phone: "电话", portal: "门户", partner: "合作伙伴", campaign_form: "活动表单", survey: "回访调查" },
  waitingFor: { customer: "客户", partner: "合作伙伴" },
  sla: { first_response: "首次响应", resolution: "解决时限", left: "剩余 {{time}}", overdue: "已超时 {{time}}", met: "已达成", paused: "计时暂停", none: "无时限" },
  taskStatus: { open: "待处理", cancel_requested: "待审批取消", cleared: "已完成", cancelled: "已取消" },
  lead: { customer: "客户", phone: "电话", source: "来源", interest: "意向车型", grade: "意向级别", status: "状态", due: "下次跟进", created: "创建时间", owner: "负责人", open: "打开", claim: "领取", claimed: "已领取", inTheDraw: "已参与抽签：释放窗口结束后揭晓", followUp: "跟进", kind: "方式", outcome: "结果", nextStep: "下一步", record: "记录跟进", recorded: "已记录跟进", history: "历史", convert: "转商机", converted: "已转为商机", released: "释放时间", dueToday: "今日待跟进", detail: "线索详情", assignTo: "分配给", assign: "分配", assigned: "已分配", distribute: "下发", distributed: "已下发", dealer: "经销商", autoRoute: "按区域与容量自动路由", newLead: "新建线索", create: "创建", created_ok: "已创建", region: "区域", callSeconds: "通话秒数", lossApprove: "批准战败", lossReject: "驳回战败", score: "成交预测", noScore: "暂无评分", scoreBy: { dealer: "本店模型 v{{version}}", region: "区域模型 v{{version}}" }, sortNewest: "最新", sortScore: "按评分" },
  grade: { ready_to_buy: "准购买", intent: "意向", potential: "潜在", H: "H", A: "A", B: "B", C: "C", N: "N" },
  kind: { call: "电话", visit: "到店", test_drive: "试驾", message: "消息" },
  source: { campaign: "市场活动", campaign_form: "活动表单", oem_website: "官网", referral: "转介绍", flyer: "传单", walk_in: "到店", phone: "电话", web: "网络" },
  reception: { arrived: "到店时间", visitors: "人数", save: "保存接待", saved: "已记录接待" },
  opp: { forecast: "预测", winLoss: "赢单/战败分析", staleList: "停滞商机", stage: "阶段", amount: "金额", probability: "赢率", days: "天", stale: "停滞", move: "移至", moved: "已移动", detail: "商机详情", quotes: "报价", newQuote: "新建报价", model: "车型", trim: "配置", colour: "颜色", options: "选装", extraDiscount: "额外优惠", draft: "生成报价", issue: "提交报价", accept: "客户接受", approve: "批准", reject: "驳回", pdf: "打印 PDF", order: "订单", steps: "订单步骤", total: "总价", discount: "折扣", status: "状态", version: "版本", testDrive: "试驾", testDriveModel: "试驾车型", recordTestDrive: "记录试驾", testDriveRecorded: "已记录试驾", licence: "驾照号", pendingOnly: "待审批报价", funnel: "漏斗", conversion: "转化率", count: "数量", from: "从", to: "到" },
  quoteStatus: { draft: "草稿", pending_approval: "待审批", issued: "已出具", rejected: "已驳回", accepted: "已接受" },
  approver: { sales_manager: "销售经理", dealer: "经销商管理员" },
  kpi: { units: "台数", revenue: "收入", margin: "毛利", target: "目标", actual: "实际", attainment: "达成率", forecast: "预测", rank: "排名", leaderboard: "排行榜", month: "月份", region: "区域", day: "日期", leads: "线索", won: "成交", export: "导出", catalogue: "KPI 目录", value: "数值", node: "节点" },
  commission: { title: "提成", menu: "提成管理", mine: "我的提成", ofDealers: "经销商提成", plans: "提成方案", newPlan: "新建方案", createPlan: "创建方案", newVersion: "新版本", addVersion: "添加版本", effectiveFrom: "生效日期", currency: "币种", defaultPerUnit: "每台默认金额", marginPercent: "毛利提成比例", financeBonus: "金融奖励/单", insuranceBonus: "保险奖励/单", perModel: "按车型每台金额", addModel: "添加车型", bands: "达成率档位", addBand: "添加档位", removeBand: "删除档位", onePlan: "每个经销商只有一个提成方案：在方案下添加新版本即可修改规则。", bandName: "档位名称", bandFrom: "起始达成率", exclusive: "严格大于", multiplier: "系数", amount: "金额", run: "计算 {{month}} 提成", ran: "已生成 {{statements}} 张提成单，合计 {{total}}", statements: "提成单", consultant: "顾问", total: "合计", issuedTotal: "已发放", dealerTotals: "各经销商合计", lines: "明细", rule: "规则", basis: "基数", rate: "费率", originRate: "来源系数", share: "分成", disputeNote: "异议说明", step: { acknowledge: "确认", dispute: "提出异议", approve: "审批通过", issue: "发放" } },
  commissionStatus: { draft: "待确认", acknowledged: "已确认", disputed: "有异议", approved: "已审批", issued: "已发放" },
  kpiBuilder: { title: "自定义 KPI", custom: "自定义 KPI 列表", none: "暂无自定义 KPI", name: "名称", measure: "度量", module: "数据", sumOf: "求和字段", numerator: "分子", denominator: "分母", groupBy: "分组", period: "周期", sharedRoles: "共享给角色", save: "保存 KPI", delete: "删除", field: "字段", operator: "条件", value: "值", valueHint: "多个值用逗号分隔", addCondition: "添加条件", removeCondition: "删除条件", kind: { count: "计数", sum: "求和", ratio: "比率" }, grouping: { none: "不分组", dealer: "按经销商", team: "按团队", consultant: "按顾问" }, periods: { day: "日", week: "周", month: "月" }, modules: { leads: "线索", lead_activities: "线索动作", deals: "成交结果", sales: "净销量", collections: "收款", tickets: "工单", surveys: "回访调查", calls: "通话", call_tasks: "外呼任务", ratio: "比率" }, operators: { eq: "等于", ne: "不等于", in: "属于", not_in: "不属于", gte: "≥", lte: "≤" } },
  partner: { application: "申请", product: "产品", vehicle: "车辆", quoteTotal: "报价总额", approve: "批准", decline: "拒绝", note: "备注", approved: "已批准", declined: "已拒绝", submitted: "已提交" },
  imports: { upload: "上传文件", progress: "进度", errors: "错误报告", rows: "行" },
  pool: { minAge: "进池至少(天)", maxAge: "进池至多(天)", sort: "排序", order: { recently_released: "最近释放", newest: "最新", oldest: "最早", grade: "意向级别", region: "区域", vehicle_interest: "意向车型", source: "来源", score: "成交预测" }, name: "名称", rules: "规则", save: "保存规则", protection: "保护期(天)", maxPrivate: "私海上限", claimsPerDay: "每日领取上限", recycleDays: "无跟进回收(天)", report: "公平性报告" },
  users: { username: "用户名", roles: "角色", org: "组织", active: "有效" },
  sharing: { dataType: "数据类型", direction: "方向", level: "共享级别", partner: "对方" },
  ...AFTER_SALES_ZH,
  ...CUSTOMERS_ZH,
};

type Dict = typeof zh;

const en: Dict = {
  app: { title: "Automotive CRM", logout: "Log out", language: "中文", notAvailable: "Not available", notAvailableHint: "You may not see this, or it does not exist.", error: "Something went wrong", retry: "Retry", saved: "Saved", loading: "Loading" },
  login: { title: "Log in", username: "Username", password: "Password", submit: "Log in", failed: "Wrong username or password" },
  portal: { workspace: "Sales workspace", dealer: "Dealer management", hq: "HQ portal", partner: "Partner portal", service: "Service & call center" },
  menu: { myLeads: "My leads", pool: "Public pool", reception: "Reception", board: "Pipeline board", funnel: "Funnel", myTargets: "My targets", assign: "Assign leads", approvals: "Approvals", poolRules: "Pool rules", imports: "Imports", salesMeeting: "Sales meeting", teamTargets: "Team targets", sharing: "Sharing", users: "Users", dashboard: "Dashboard", distribution: "Lead distribution", catalogue: "Catalogue", targetCascade: "Target cascade", org: "Org tree", applications: "Applications", tickets: "Service tickets", console: "Agent console", callTasks: "Call tasks", calls: "Calls", wallboard: "Wallboard", recordings: "Recording QA" },
  service: { dial: "Dial", dialled: "Call placed", cancelReason: "Reason to cancel", requestCancel: "Request cancellation" },
  console: { state: "Agent state", now: "Now", connected: "Call pushes connected", disconnected: "Call pushes not connected", incoming: "Screen pop", earlier: "Earlier calls", noCalls: "No calls yet", rangAt: "Rang at", newTicket: "New ticket for this caller", newTicketForm: "New ticket", newLead: "New lead for this caller", customerName: "Customer name", subject: "Subject", leadCreated: "Lead created", ticketOpened: "Ticket {{number}} opened", kind: { unknown: "Unknown caller", routing: "For routing only", customer: "Customer" }, field: { customer_phone: "Phone", owner_org: "Org", owner_user: "Owner", status: "Lead status", grade: "Grade" } },
  calls: { controls: "Call controls", answerOnPhone: "Answer on your phone", hangUp: "Hang up", transfer: "Transfer", transferKind: "Transfer to", toAgent: "Agent / consultant", toQueue: "Queue", target: "Target", targetHint: "Search agents, consultants or queues by name", attended: "Warm transfer (talk to them first)", transferred: "Transfer started", hungUp: "Hung up", wrapUp: "Wrap-up", disposition: "Outcome", notes: "Notes", saveWrapUp: "Save wrap-up", direction: "Direction", talk: "Talk (s)", recording: "Recording" },
  wallboard: { live: "Live updates connected", offline: "Live updates not connected", waiting: "Waiting", longestWait: "Longest wait", serviceLevel: "Service level", abandonRate: "Abandon rate", answered: "Answered", offered: "Offered", agents: "Agents", state: "State", since: "Since", aht: "Avg handle (s)", today: "Today", perAgent: "Calls answered today per agent", occupancy: "Occupancy", abandoned: "Abandoned", byHour: "Today's calls by hour", byDealer: "By dealer", dealer: "Dealer", outbound: "Outbound connected/made" },
  qa: { listen: "Listen", form: "QA form", score: "Score", total: "Total", comment: "Comment", submit: "Submit score", scored: "Scored", comments: "Comments", addComment: "Comment at this moment", at: "At", reviews: "Reviews", reviewer: "Reviewer", average: "Average", noRecording: "No recording" },
  agentState: { ready: "Ready", break: "Break", wrap_up: "Wrap-up", offline: "Offline", ringing: "Ringing", on_call: "On a call" },
  afterSales: { title: "After-sales", covered: "Covered", notCovered: "Not covered", articles: "Suggested articles", noArticles: "No similar article", files: "Attachments", noFiles: "No attachment" },
  ticket: { quickEntry: "Quick entry", quickSave: "Open ticket", subject: "Subject", kind: "Kind", number: "Number", detail: "Ticket", priority: "Priority", channel: "Channel", owner: "Owner", me: "Me", unassigned: "Unassigned", opened: "Opened", customer: "Customer", phone: "Phone", vehicle: "Vehicle", sla: "SLA", escalation: "Escalation", notEscalated: "Not escalated", level: "Level {{level}}", raisedTo: "raised to {{org}}", mine: "Mine only", all: "All", search: "Search tickets", entries: "Replies and notes", entryKind: "Entry kind", reply: "Reply to the customer", note: "Internal note", entryBody: "Text", addEntry: "Add", entryAdded: "Added", history: "History", escalated: "Escalated", reassign: "Reassign", assignee: "Reassign to", resolution: "Resolution", resolve: "Resolve", close: "Close ticket", satisfaction: "Customer's confirmation", satisfied: "Satisfied", unsatisfied: "Not satisfied", unconfirmed: "Not confirmed", reopen: "Reopen", reopenReason: "Reason to reopen", hold: "Wait for the customer", resume: "Resume", waitingFor: "Waiting for", actions: "Actions" },
  ticketAction: { attached: "file attached", article_used: "article used", sent_to_partner: "sent to partner", partner_progress: "partner progress", parts_claim: "parts claim", opened: "opened", reassigned: "reassigned", waiting: "waiting", resumed: "resumed", resolved: "resolved", closed: "closed", reopened: "reopened", merged: "merged", merged_in: "merged in", scheduled: "scheduled", complaint_handling: "complaint handling", notify_owner: "owner notified", reassign_team_lead: "to the team lead", raise_to_dealer: "raised to the dealer", raise_to_region: "raised to the region", raise_to_hq: "raised to HQ" },
  ticketStatus: { open: "Open", waiting: "Waiting", resolved: "Resolved", closed: "Closed", merged: "Merged" },
  ticketKind: { service_request: "Service request", complaint: "Complaint", feedback: "Feedback", inquiry: "Inquiry" },
  priority: { urgent: "Urgent", high: "High", normal: "Normal", low: "Low" },
  channel: { walk_in: "Walk-in", phone: "Phone", portal: "Portal", partner: "Partner", campaign_form: "Campaign form", survey: "Survey" },
  waitingFor: { customer: "the customer", partner: "a partner" },
  sla: { first_response: "First response", resolution: "Resolution", left: "{{time}} left", overdue: "Overdue {{time}}", met: "Met", paused: "Clock stopped", none: "No target" },
  taskStatus: { open: "Open", cancel_requested: "Cancellation requested", cleared: "Cleared", cancelled: "Cancelled" },
  lead: { customer: "Customer", phone: "Phone", source: "Source", interest: "Vehicle interest", grade: "Grade", status: "Status", due: "Next follow-up", created: "Created", owner: "Owner", open: "Open", claim: "Claim", claimed: "Claimed", inTheDraw: "You are in the draw: the winner is drawn when the release window closes", followUp: "Follow-up", kind: "Kind", outcome: "Outcome", nextStep: "Next step", record: "Record follow-up", recorded: "Follow-up recorded", history: "History", convert: "Convert", converted: "Converted to an opportunity", released: "Released", dueToday: "Due today", detail: "Lead", assignTo: "Assign to", assign: "Assign", assigned: "Assigned", distribute: "Distribute", distributed: "Distributed", dealer: "Dealer", autoRoute: "Route by region and capacity", newLead: "New lead", create: "Create", created_ok: "Created", region: "Region", callSeconds: "Call seconds", lossApprove: "Approve loss", lossReject: "Reject loss", score: "Score", noScore: "No score yet", scoreBy: { dealer: "dealer model v{{version}}", region: "region model v{{version}}" }, sortNewest: "Newest", sortScore: "By score" },
  grade: { ready_to_buy: "Ready to buy", intent: "Intent", potential: "Potential", H: "H", A: "A", B: "B", C: "C", N: "N" },
  kind: { call: "Call", visit: "Visit", test_drive: "Test drive", message: "Message" },
  source: { campaign: "Campaign", campaign_form: "Campaign form", oem_website: "OEM website", referral: "Referral", flyer: "Flyer", walk_in: "Walk-in", phone: "Phone", web: "Web" },
  reception: { arrived: "Arrived at", visitors: "Visitors", save: "Save reception", saved: "Reception recorded" },
  opp: { forecast: "Forecast", winLoss: "Win/loss", staleList: "Stale deals", stage: "Stage", amount: "Amount", probability: "Probability", days: "days", stale: "Stale", move: "Move to", moved: "Moved", detail: "Opportunity", quotes: "Quotes", newQuote: "New quote", model: "Model", trim: "Trim", colour: "Colour", options: "Options", extraDiscount: "Extra discount", draft: "Draft quote", issue: "Issue quote", accept: "Customer accepts", approve: "Approve", reject: "Reject", pdf: "Print PDF", order: "Order", steps: "Order steps", total: "Total", discount: "Discount", status: "Status", version: "Version", testDrive: "Test drive", testDriveModel: "Test-drive model", recordTestDrive: "Record test drive", testDriveRecorded: "Test drive recorded", licence: "Licence number", pendingOnly: "Quotes awaiting approval", funnel: "Funnel", conversion: "Conversion", count: "Count", from: "From", to: "To" },
  quoteStatus: { draft: "Draft", pending_approval: "Awaiting approval", issued: "Issued", rejected: "Rejected", accepted: "Accepted" },
  approver: { sales_manager: "Sales manager", dealer: "Dealer admin" },
  kpi: { units: "Units", revenue: "Revenue", margin: "Gross margin", target: "Target", actual: "Actual", attainment: "Attainment", forecast: "Forecast", rank: "Rank", leaderboard: "Leaderboard", month: "Month", region: "Region", day: "Day", leads: "Leads", won: "Won", export: "Export", catalogue: "KPI catalogue", value: "Value", node: "Node" },
  commission: { title: "Commission", menu: "Commission", mine: "My commission", ofDealers: "Dealers' commission", plans: "Commission plans", newPlan: "New plan", createPlan: "Create plan", newVersion: "New version", addVersion: "Add version", effectiveFrom: "Effective from", currency: "Currency", defaultPerUnit: "Default per unit", marginPercent: "Gross margin %", financeBonus: "Finance bonus per deal", insuranceBonus: "Insurance bonus per deal", perModel: "Per unit by model", addModel: "Add model", bands: "Attainment bands", addBand: "Add band", removeBand: "Remove band", onePlan: "A dealer has one commission plan: change its rules by adding a new version under the plan.", bandName: "Band name", bandFrom: "From attainment", exclusive: "Above, not equal", multiplier: "Multiplier", amount: "Amount", run: "Run commission for {{month}}", ran: "{{statements}} statements made, total {{total}}", statements: "Statements", consultant: "Consultant", total: "Total", issuedTotal: "Issued", dealerTotals: "Totals per dealer", lines: "Lines", rule: "Rule", basis: "Basis", rate: "Rate", originRate: "Origin rate", share: "Share", disputeNote: "What is wrong", step: { acknowledge: "Acknowledge", dispute: "Dispute", approve: "Approve", issue: "Issue" } },
  commissionStatus: { draft: "Draft", acknowledged: "Acknowledged", disputed: "Disputed", approved: "Approved", issued: "Issued" },
  kpiBuilder: { title: "Custom KPI", custom: "Custom KPIs", none: "No custom KPIs yet", name: "Name", measure: "Measure", module: "Facts", sumOf: "Sum of", numerator: "Numerator", denominator: "Denominator", groupBy: "Group by", period: "Period", sharedRoles: "Share with roles", save: "Save KPI", delete: "Delete", field: "Field", operator: "Operator", value: "Value", valueHint: "Several values: separate with commas", addCondition: "Add condition", removeCondition: "Remove condition", kind: { count: "Count", sum: "Sum", ratio: "Ratio" }, grouping: { none: "No grouping", dealer: "By dealer", team: "By team", consultant: "By consultant" }, periods: { day: "Day", week: "Week", month: "Month" }, modules: { leads: "Leads", lead_activities: "Lead activities", deals: "Deal outcomes", sales: "Net sales", collections: "Collections", tickets: "Tickets", surveys: "Surveys", calls: "Calls", call_tasks: "Call tasks", ratio: "Ratio" }, operators: { eq: "equals", ne: "not", in: "one of", not_in: "none of", gte: "≥", lte: "≤" } },
  partner: { application: "Application", product: "Product", vehicle: "Vehicle", quoteTotal: "Quote total", approve: "Approve", decline: "Decline", note: "Note", approved: "Approved", declined: "Declined", submitted: "Submitted" },
  imports: { upload: "Upload file", progress: "Progress", errors: "Error report", rows: "rows" },
  pool: { minAge: "At least (days old)", maxAge: "At most (days old)", sort: "Sort", order: { recently_released: "Recently released", newest: "Newest", oldest: "Oldest", grade: "Grade", region: "Region", vehicle_interest: "Vehicle interest", source: "Source", score: "Score" }, name: "Name", rules: "Rules", save: "Save rules", protection: "Protection (days)", maxPrivate: "Private leads cap", claimsPerDay: "Claims per day", recycleDays: "Recycle after no follow-up (days)", report: "Fairness report" },
  users: { username: "Username", roles: "Roles", org: "Org", active: "Active" },
  sharing: { dataType: "Data type", direction: "Direction", level: "Level", partner: "Counterpart" },
  ...AFTER_SALES_EN,
  ...CUSTOMERS_EN,
};

export const RESOURCES = { "zh-CN": zh, en } as const;

const STORAGE_KEY = "crm.language";

export function storedLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "zh-CN";
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zh }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export default i18n;
