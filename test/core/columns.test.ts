// Column matching by header (docs/inputs.md §2): every accepted header of every role, the
// normalisation (case, full-width letters, spaces and punctuation), the order of preference, one
// role per header, the user's overrides, and the two errors with their parameters in both
// languages. The accepted headers are written out here as a user would type them, not read from
// the table under test.
import { matchColumns, normaliseHeader, PROFILE_SYNONYMS, TRANSACTION_SYNONYMS } from "../../src/core/columns";
import { ErrorCodes, localizedMessage } from "../../src/core/errors";
import { thrown } from "../support/thrown";

/** Every header each transaction role accepts (docs/inputs.md §2), in a spelling a user might type. */
const TRANSACTION_HEADERS: Record<keyof typeof TRANSACTION_SYNONYMS, string[]> = {
  id: ["Customer ID", "CustomerID", "ID", "Customer", "Cust_ID", "Client ID", "client", "Member-ID", "MEMBER", "user_id", "Account ID", "account",
    "客户编号", "客户ID", "客户", "会员ID", "会员编号", "会员", "顾客编号", "顾客", "客户号", "客户代码", "用户ID"],
  date: ["Date", "Order Date", "transaction_date", "Purchase-Date", "INVOICE DATE", "DateTime", "Timestamp", "day",
    "日期", "交易日期", "订单日期", "购买日期", "下单日期", "交易时间", "时间"],
  amount: ["Amount", "Sales", "Revenue", "Sales Amount", "Net Sales", "Value", "Spend", "TOTAL", "Dollars", "Dollar Value", "Monetary",
    "金额", "销售额", "交易金额", "订单金额", "消费金额", "实付金额", "收入"],
  cost: ["Cost", "COGS", "Cost of Goods", "成本", "销售成本"],
  margin: ["Margin", "Gross Margin", "Profit", "Gross.Profit", "毛利", "毛利额", "利润"],
  quantity: ["Quantity", "Qty", "CDs", "Number of CDs", "Units", "数量", "件数", "销量"],
  channel: ["Channel", "渠道", "销售渠道"],
};

/** Every header each profile role accepts (src/core/columns.ts; docs/inputs.md §2 names the first few). */
const PROFILE_HEADERS: Record<Exclude<keyof typeof PROFILE_SYNONYMS, "id">, string[]> = {
  frequency: ["Frequency", "x", "Repeat Purchases", "频率", "购买频率", "重复购买次数"],
  recency: ["Recency", "t_x", "最近购买", "近度"],
  T: ["T", "Age", "Tenure", "客户年龄"],
  monetary: ["Monetary Value", "monetary", "zbar", "Average Value", "平均金额", "客单价"],
  revenue: ["Revenue", "Sales", "Amount", "Total Spend", "收入", "销售额", "金额"],
  margin: ["Margin", "Gross Margin", "Profit", "毛利", "利润"],
  clv: ["CLV", "LTV", "Lifetime Value", "Customer Lifetime Value", "客户终生价值", "终生价值"],
  predictedValue: ["Predicted Value", "Future Value", "预测价值"],
  pAlive: ["P(alive)", "PAlive", "Probability Alive", "存活概率"],
  product: ["Product Value", "产品价值"],
  service: ["Service Value", "服务价值"],
  personnel: ["Personnel Value", "人员价值"],
  image: ["Image Value", "形象价值"],
  money: ["Money Cost", "Monetary Cost", "货币成本"],
  time: ["Time Cost", "时间成本"],
  energy: ["Energy Cost", "精力成本"],
  physical: ["Physical Cost", "体力成本"],
  sensory: ["Sensory Cost", "Sensory Burden", "感观负担"],
  quality: ["Quality", "Perceived Quality", "Relative Quality", "感知质量", "质量"],
  price: ["Price", "Relative Price", "价格"],
  complaints: ["Complaints", "Complaint Count", "投诉", "投诉次数"],
  complaintRate: ["Complaint Rate", "投诉率"],
  priceSensitivity: ["Price Sensitivity", "价格敏感度"],
  reputation: ["Reputation", "美誉度"],
  designation: ["Designation", "Brand Designation", "指名度"],
  repeatRate: ["Repeat Rate", "回头率"],
  referrals: ["Referrals", "推荐", "推荐人数"],
  shareOfWallet: ["Share of Wallet", "钱包份额"],
  acquisitionCost: ["Acquisition Cost", "获取成本", "获客成本"],
  costToServe: ["Cost to Serve", "服务成本"],
};

describe("normaliseHeader (docs/inputs.md §2)", () => {
  it("lower-cases and drops spaces, underscores, hyphens, dots, slashes and brackets", () => {
    for (const h of ["Customer ID", "customer_id", "CUSTOMER-ID", "customer.id", "customer/id", "customer(id)", "customer[id]", "  Customer\tID\n", "[customer]_(id)"]) {
      expect([h, normaliseHeader(h)]).toEqual([h, "customerid"]);
    }
    expect(normaliseHeader("【客户编号】")).toBe("客户编号");
    expect(normaliseHeader("客户（编号）")).toBe("客户编号");
    // U+3000, the ideographic space of Chinese input methods, is a space too
    expect(normaliseHeader("客户\u3000编号")).toBe("客户编号");
  });

  it("folds full-width letters, digits and underscores to ASCII lower case", () => {
    // Ｃ = U+FF23 → C (U+0043), ｕ = U+FF55 → u, ＿ = U+FF3F → _ (then dropped), ２ = U+FF12 → 2
    expect(normaliseHeader("ＣｕｓｔｏｍｅｒＩＤ")).toBe("customerid");
    expect(normaliseHeader("ＣＵＳＴＯＭＥＲ＿ＩＤ")).toBe("customerid");
    expect(normaliseHeader("Ｑ２ｓａｌｅｓ")).toBe("q2sales");
    // ＃ (U+FF03) and ～ (U+FF5E), the ends of the full-width ASCII block, become # and ~
    expect(normaliseHeader("＃ｉｄ～")).toBe("#id~");
    // Chinese characters, and characters next to the block, are kept as they are
    expect(normaliseHeader("客户ｉｄ")).toBe("客户id");
    expect(normaliseHeader("\uff00\uff5f")).toBe("\uff00\uff5f");
    expect(normaliseHeader("Σales")).toBe("σales");
  });
});

describe("matchColumns: which header serves which role", () => {
  it("recognises every accepted transaction header, alone in the header row", () => {
    for (const [role, headers] of Object.entries(TRANSACTION_HEADERS)) {
      for (const h of headers) expect([h, matchColumns([h], TRANSACTION_SYNONYMS, [])]).toEqual([h, { [role]: 0 }]);
    }
  });

  it("recognises every accepted profile header, alone in the header row", () => {
    for (const h of TRANSACTION_HEADERS.id) expect([h, matchColumns([h], PROFILE_SYNONYMS, [])]).toEqual([h, { id: 0 }]);
    for (const [role, headers] of Object.entries(PROFILE_HEADERS)) {
      for (const h of headers) expect([h, matchColumns([h], PROFILE_SYNONYMS, [])]).toEqual([h, { [role]: 0 }]);
    }
  });

  it("never takes a blank or punctuation-only header for a role, nor an unknown one", () => {
    const headers = ["", "   ", "（）", "_-./", "who", "when", "how much"];
    expect(matchColumns(headers, TRANSACTION_SYNONYMS, [])).toEqual({});
    expect(matchColumns(headers, PROFILE_SYNONYMS, [])).toEqual({});
  });

  it("reads a CDNOW-style header and a Chinese one", () => {
    expect(matchColumns(["customer_id", "date", "number_of_cds", "dollar_value"], TRANSACTION_SYNONYMS, ["id", "date", "amount"])).toEqual({ id: 0, date: 1, quantity: 2, amount: 3 });
    expect(matchColumns(["订单日期", "会员编号", "实付金额", "毛利", "销售渠道"], TRANSACTION_SYNONYMS, ["id", "date", "amount"])).toEqual({ date: 0, id: 1, amount: 2, margin: 3, channel: 4 });
    expect(matchColumns(["ＣＵＳＴＯＭＥＲ＿ＩＤ", "Ｄａｔｅ", "Ａｍｏｕｎｔ"], TRANSACTION_SYNONYMS, ["id", "date", "amount"])).toEqual({ id: 0, date: 1, amount: 2 });
  });

  it("takes the header of the earliest synonym when several match, wherever it stands", () => {
    // id lists customer_id before client; amount lists sales before total; date lists date before 日期
    expect(matchColumns(["client", "customer_id"], TRANSACTION_SYNONYMS, ["id"])).toEqual({ id: 1 });
    expect(matchColumns(["customer_id", "client"], TRANSACTION_SYNONYMS, ["id"])).toEqual({ id: 0 });
    expect(matchColumns(["total", "sales"], TRANSACTION_SYNONYMS, ["amount"])).toEqual({ amount: 1 });
    expect(matchColumns(["日期", "Date"], TRANSACTION_SYNONYMS, ["date"])).toEqual({ date: 1 });
  });
});

describe("matchColumns: the user's overrides", () => {
  it("take the named header for a role, matched like any header, before the synonyms", () => {
    expect(matchColumns(["who", "when", "how much"], TRANSACTION_SYNONYMS, ["id", "date", "amount"], { id: "who", date: "WHEN", amount: "How_Much" })).toEqual({ id: 0, date: 1, amount: 2 });
    // An override wins over a header that the synonyms would take: id is the buyer column, not customer_id
    expect(matchColumns(["customer_id", "buyer", "date", "amount"], TRANSACTION_SYNONYMS, ["id"], { id: "buyer" })).toEqual({ id: 1, date: 2, amount: 3 });
    // A header serves one role only: "customer" serves amount by override, so id falls to "client"
    // (no header is a synonym of two transaction roles, so only an override can take one first)
    expect(matchColumns(["customer", "client"], TRANSACTION_SYNONYMS, [], { amount: "customer" })).toEqual({ amount: 0, id: 1 });
    // An override at column 0
    expect(matchColumns(["spend", "total"], TRANSACTION_SYNONYMS, ["amount"], { amount: "spend" })).toEqual({ amount: 0 });
    // A role with no override keeps the automatic match
    expect(matchColumns(["id", "when"], TRANSACTION_SYNONYMS, ["id", "date"], { date: "when" })).toEqual({ id: 0, date: 1 });
  });

  it("naming a header that is not there is an error that names it, the role and the headers present, in both languages", () => {
    const e = thrown(() => matchColumns(["customer_id", "date", "amount"], TRANSACTION_SYNONYMS, ["id"], { amount: "sales total" }));
    expect(e.code).toBe(ErrorCodes.MissingColumn);
    expect(e.key).toBe("columns.notInHeader");
    expect(e.where).toEqual({ column: "sales total" });
    expect(e.params).toEqual({ column: '"sales total"', role: { "en-US": "amount", "zh-CN": "金额" }, columns: "customer_id, date, amount" });
    expect(e.message).toBe('the column "sales total" given for amount is not in the header; the columns are: customer_id, date, amount');
    expect(localizedMessage(e, "zh-CN")).toBe('为金额指定的列 "sales total" 不在表头中；现有的列：customer_id, date, amount');
  });
});

describe("matchColumns: a required role with no column", () => {
  // The role's name in both languages and the first four accepted headers, as the message shows them
  const cases: [string, string, string, string][] = [
    ["id", "customer id", "客户编号", '"customer_id", "customerid", "id", "customer"'],
    ["date", "date", "日期", '"date", "order_date", "transaction_date", "purchase_date"'],
    ["amount", "amount", "金额", '"amount", "sales", "revenue", "sales_amount"'],
    ["cost", "cost", "成本", '"cost", "cogs", "cost_of_goods", "成本"'],
    ["margin", "margin", "毛利", '"margin", "gross_margin", "profit", "gross_profit"'],
    ["quantity", "quantity", "数量", '"quantity", "qty", "cds", "number_of_cds"'],
    ["channel", "channel", "渠道", '"channel", "渠道", "销售渠道"'],
  ];

  it.each(cases)("%s: names the role, a few accepted headers and the headers present, in both languages", (role, en, zh, examples) => {
    const e = thrown(() => matchColumns(["who", "when"], TRANSACTION_SYNONYMS, [role as keyof typeof TRANSACTION_SYNONYMS]));
    expect(e.code).toBe(ErrorCodes.MissingColumn);
    expect(e.key).toBe("columns.missing");
    expect(e.where).toEqual({ column: role });
    expect(e.params).toEqual({ role: { "en-US": en, "zh-CN": zh }, examples, columns: "who, when" });
    expect(e.message).toBe(`missing column for ${en}: expected a header such as ${examples}; the columns are: who, when`);
    expect(localizedMessage(e, "zh-CN")).toBe(`缺少${zh}列：表头应为 ${examples} 等；现有的列：who, when`);
  });

  it("checks the required roles in the order given, after the matching", () => {
    // date is found; amount is the first missing one of ["date", "amount", "id"]
    expect(thrown(() => matchColumns(["date"], TRANSACTION_SYNONYMS, ["date", "amount", "id"])).params?.role).toEqual({ "en-US": "amount", "zh-CN": "金额" });
  });

  it("names a profile role without a name of its own by its key in both languages", () => {
    const e = thrown(() => matchColumns(["id", "T"], PROFILE_SYNONYMS, ["id", "frequency"]));
    expect(e.params).toEqual({ role: { "en-US": "frequency", "zh-CN": "frequency" }, examples: '"frequency", "x", "repeat_purchases", "频率"', columns: "id, T" });
    expect(e.message).toBe('missing column for frequency: expected a header such as "frequency", "x", "repeat_purchases", "频率"; the columns are: id, T');
    // The override error names such a role the same way
    expect(thrown(() => matchColumns(["id"], PROFILE_SYNONYMS, [], { recency: "last" })).message).toBe('the column "last" given for recency is not in the header; the columns are: id');
  });
});
