/**
 * Azure public regions by their programmatic names. ARM lists them, comma-joined, when a resource group
 * asks for a location it does not know (LocationNotAvailableForResourceGroup).
 */
export const REGIONS = [
  "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "brazilsouth",
  "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral", "eastasia", "eastus",
  "eastus2", "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral",
  "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth",
  "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest",
  "polandcentral", "qatarcentral", "southafricanorth", "southafricawest", "southcentralus", "southeastasia",
  "southindia", "spaincentral", "swedencentral", "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth",
  "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3",
] as const;

/** ARM accepts display names too ("East US"): it compares without case and spaces. */
export function normalizeLocation(text: string): string {
  return text.replace(/\s+/g, "").toLowerCase();
}

export function isKnownRegion(location: string): boolean {
  return (REGIONS as readonly string[]).includes(location);
}
