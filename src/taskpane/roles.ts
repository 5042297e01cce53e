/** The mapping roles' labels (strings.ts keys). */
import type { StringKey } from "./strings";

const KEYS: Record<string, StringKey> = {
  id: "roleId", date: "roleDate", amount: "roleAmount", cost: "roleCost", margin: "roleMargin", quantity: "roleQuantity",
  frequency: "roleFrequency", recency: "roleRecency", T: "roleT", monetary: "roleMonetary", revenue: "roleRevenue", clv: "roleClv",
  pAlive: "rolePAlive", product: "roleProduct", service: "roleService", personnel: "rolePersonnel", image: "roleImage",
  money: "roleMoney", time: "roleTime", energy: "roleEnergy", physical: "rolePhysical", sensory: "roleSensory",
  quality: "roleQuality", price: "rolePrice", complaints: "roleComplaints", complaintRate: "roleComplaintRate",
  priceSensitivity: "rolePriceSensitivity", reputation: "roleReputation", designation: "roleDesignation",
  repeatRate: "roleRepeatRate", referrals: "roleReferrals",
};

export function roleKey(role: string): StringKey {
  return KEYS[role] ?? "roleId";
}
