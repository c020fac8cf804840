/**
 * Resource groups: `az group create|list|show|delete`. ARM treats a create on an existing group as an
 * update that may not move it, and refuses locations it does not know.
 */
import type { AzureCloud } from "./cloud.ts";
import { serviceError, resourceGroupNotFound, type AzError } from "./errors.ts";
import { groupId } from "./ids.ts";
import { REGIONS, isKnownRegion, normalizeLocation } from "./regions.ts";
import type { ResourceGroup } from "./types.ts";

export function groupJson(cloud: AzureCloud, g: ResourceGroup): Record<string, unknown> {
  return {
    id: groupId(cloud.subscription.id, g.name),
    location: g.location,
    managedBy: g.managedBy,
    name: g.name,
    properties: { provisioningState: "Succeeded" },
    tags: g.tags,
    type: "Microsoft.Resources/resourceGroups",
  };
}

/** ARM's refusal of an unknown region, listing the ones it knows. */
export function locationNotAvailable(location: string): AzError {
  return serviceError(
    "LocationNotAvailableForResourceGroup",
    `The provided location '${location}' is not available for resource group. List of available regions is '${REGIONS.join(",")}'.`,
  );
}

/** A resource group name: 1-90 of letters, digits, '_', '-', '.', '(' and ')', not ending in '.'. */
const GROUP_NAME = /^[-\w._()]{1,90}$/u;

export function createGroup(cloud: AzureCloud, name: string, locationText: string, tags: Record<string, string> | null = null): ResourceGroup | AzError {
  if (!GROUP_NAME.test(name) || name.endsWith(".")) {
    return serviceError(
      "InvalidResourceGroup",
      `The provided resource group name '${name}' has these invalid characters: '${[...new Set(name.replace(/[-\w._()]/gu, ""))].join("")}'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.`,
    );
  }
  const location = normalizeLocation(locationText);
  if (!isKnownRegion(location)) return locationNotAvailable(location);
  const existing = cloud.findGroup(name);
  if (existing) {
    if (existing.location !== location) {
      return serviceError(
        "InvalidResourceGroupLocation",
        `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`,
      );
    }
    if (tags) existing.tags = tags;
    return existing;
  }
  const group: ResourceGroup = { name, location, managedBy: null, tags };
  cloud.groups.push(group);
  return group;
}

export function requireGroup(cloud: AzureCloud, name: string): ResourceGroup | AzError {
  return cloud.findGroup(name) ?? resourceGroupNotFound(name);
}
