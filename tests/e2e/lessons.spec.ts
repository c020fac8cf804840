/**
 * A learner walks lesson 1: opens it from the list, reads, clicks a command, types another, sees the
 * step complete, moves on, reloads and finds the place and progress kept, switches to Korean and finds
 * the same step, finishes it there; a bad progress file is refused without losing anything.
 */
import { expect, expectScreen, test } from "./fixtures.ts";

test("a learner walks lesson 1 in English and Korean", async ({ sandbox }) => {
  test.setTimeout(120_000);
  const { page, terminal } = sandbox;
  await sandbox.open();

  await page.getByRole("button", { name: "Lesson", exact: true }).click();
  const panel = page.getByTestId("lesson-panel");
  const card = panel.locator('li[data-lesson="services-and-clusterips"]');
  await expect(card.getByRole("heading", { name: "Services and their ClusterIPs" })).toBeVisible();
  await expect(card).toContainText("0 of 6 steps done");
  await card.getByRole("button", { name: /^Start/ }).click();

  // The lesson opens on its first step, with a cluster of its own.
  await expect(panel).toHaveAttribute("data-lesson", "services-and-clusterips");
  await expect(page).toHaveURL(/#\/lessons\/services-and-clusterips\/first-service$/);
  await expect(panel.getByRole("heading", { name: "Your first Service" })).toBeVisible();
  await expect(panel).toContainText("A Pod's address changes every time the Pod is replaced.");
  const goal = panel.getByTestId("lesson-goal");
  await expect(goal).toContainText("Still missing");
  await expect(goal).toContainText("A Service web of type ClusterIP, with an address from 10.96.0.0/12");
  await expect(terminal).toHaveAttribute("data-engine", "ready");

  // Click a command: it is typed into the terminal and runs.
  const before = Number(await terminal.getAttribute("data-commands"));
  await panel.locator(".run-button").first().click();
  await expect(terminal).toHaveAttribute("data-commands", String(before + 1));
  await expectScreen(sandbox, /# kubectl get servicecidr\nNAME\s+CIDRS\s+AGE\nkubernetes\s+10\.96\.0\.0\/12/);
  await expect(goal).toContainText("Still missing");

  // Type the next one by hand: the goal holds and the step is done.
  await sandbox.run("kubectl create service clusterip web --tcp=80:8080");
  await expectScreen(sandbox, "service/web created");
  await expect(goal).toContainText("Step complete.");
  await expect(panel.locator('article[data-step="first-service"]')).toHaveAttribute("data-done", "true");
  await expect(panel.locator('.pill[data-step="first-service"]')).toHaveText(/✓/);

  // On to the next step, with a hint.
  await panel.getByRole("button", { name: "Next step →" }).click();
  await expect(page).toHaveURL(/#\/lessons\/services-and-clusterips\/ipaddress$/);
  await expect(panel.getByRole("heading", { name: "Every address is an object" })).toBeVisible();
  await expect(goal).toContainText("The Service web is deleted");
  await panel.getByRole("button", { name: "Show a hint (1 of 1)" }).click();
  await expect(panel).toContainText("kubectl delete service web removes the Service");
  await panel.getByRole("button", { name: "Show goal" }).click();
  await expect(panel.getByRole("button", { name: "Show goal" })).toHaveAttribute("aria-pressed", "true");
  await sandbox.run("kubectl get ipaddress");
  await expectScreen(sandbox, /10\.96\.0\.1\s+services\/default\/kubernetes/);
  await page.screenshot({ path: test.info().outputPath("lesson-en.png") });

  // A reload keeps the place, the progress, the hint and the cluster.
  await page.reload();
  await expect(terminal).toHaveAttribute("data-engine", "ready");
  await expect(panel.getByRole("heading", { name: "Every address is an object" })).toBeVisible();
  await expect(panel.locator('.pill[data-step="first-service"]')).toHaveText(/✓/);
  await expect(panel).toContainText("kubectl delete service web removes the Service");
  await expect(goal).toContainText("The Service web is deleted");
  await expect(page).toHaveURL(/#\/lessons\/services-and-clusterips\/ipaddress$/);

  // Switching to Korean keeps the step; the words change.
  await page.getByRole("button", { name: "한국어" }).click();
  await expect(panel.getByRole("heading", { name: "주소도 오브젝트입니다" })).toBeVisible();
  await expect(goal).toContainText("아직 남은 것");
  await expect(goal).toContainText("서비스 web이 삭제됨");
  await expect(panel).toContainText("힌트 1");
  await expect(page).toHaveURL(/#\/lessons\/services-and-clusterips\/ipaddress$/);
  await sandbox.run('echo "레슨 진행 중: 주소도 오브젝트입니다"');
  await expectScreen(sandbox, "레슨 진행 중: 주소도 오브젝트입니다");

  // Finish the step in Korean with its run button.
  const n = Number(await terminal.getAttribute("data-commands"));
  await panel.getByRole("button", { name: "실행" }).nth(2).click();
  await expect(terminal).toHaveAttribute("data-commands", String(n + 1));
  await expectScreen(sandbox, 'service "web" deleted');
  await expect(goal).toContainText("이 단계를 마쳤습니다.");
  await page.screenshot({ path: test.info().outputPath("lesson-ko.png") });

  // A bad progress file is refused with kubectl's kind of error, and nothing is lost.
  await panel.getByRole("button", { name: /레슨 목록/ }).first().click();
  await expect(panel.locator('li[data-lesson="services-and-clusterips"]')).toContainText("6단계 중 2단계 완료");
  await panel.getByTestId("progress-file").setInputFiles({ name: "progress.json", mimeType: "application/json", buffer: Buffer.from('{"kind": "CidrLabProgress", "version": 1, "lessons": {"services-and-clusterips": {"done": "all"}}}') });
  await expect(panel.getByRole("alert")).toContainText('error: error validating "progress.json": lessons.services-and-clusterips.done: Invalid value: "all": must be a list of step ids');
  await expect(panel.locator('li[data-lesson="services-and-clusterips"]')).toContainText("6단계 중 2단계 완료");
  await page.screenshot({ path: test.info().outputPath("lesson-list-ko.png") });
});

test("a link opens the panel on a lesson's step, with the cluster that step starts from", async ({ sandbox }) => {
  const { page, terminal } = sandbox;
  await sandbox.open("/#/lessons/deleting-a-servicecidr/release");
  const panel = page.getByTestId("lesson-panel");
  await expect(panel.getByRole("heading", { name: "Let it go" })).toBeVisible();
  const goal = panel.getByTestId("lesson-goal");
  await expect(goal).toContainText("newcidr1 is gone", { timeout: 30_000 });
  await expect(terminal).toHaveAttribute("data-engine", "ready");
  // The cluster was rebuilt up to this step: newcidr1 is terminating, held by test-16 alone.
  await sandbox.run("kubectl get service test-16 test-13");
  await expectScreen(sandbox, /test-16\s+ClusterIP\s+10\.96\.0\.\d+/);
  await expectScreen(sandbox, 'Error from server (NotFound): services "test-13" not found');
  await page.screenshot({ path: test.info().outputPath("lesson-link.png") });
});

test("in Korean, a click runs a heredoc with CEL quotes and the policy step completes", async ({ sandbox }) => {
  test.setTimeout(90_000);
  const { page, terminal } = sandbox;
  await sandbox.open("/#/lessons/guard-rails/policy");
  await page.getByRole("button", { name: "한국어" }).click();
  const panel = page.getByTestId("lesson-panel");
  await expect(panel.getByRole("heading", { name: "정책 쓰기" })).toBeVisible();
  const goal = panel.getByTestId("lesson-goal");
  await expect(goal).toContainText("containsCIDR로 ServiceCIDR를 검사하는 ValidatingAdmissionPolicy servicecidrs.reserved", { timeout: 30_000 });
  await expect(terminal).toHaveAttribute("data-engine", "ready");

  const n = Number(await terminal.getAttribute("data-commands"));
  await panel.getByRole("button", { name: "실행" }).first().click();
  await expect(terminal).toHaveAttribute("data-commands", String(n + 1), { timeout: 30_000 });
  await expectScreen(sandbox, "validatingadmissionpolicy.admissionregistration.k8s.io/servicecidrs.reserved created");
  await expect(goal).toContainText("이 단계를 마쳤습니다.");
  await expect(page).toHaveURL(/#\/lessons\/guard-rails\/policy$/);

  // The next step's commands, typed by hand: the binding, then a range the policy refuses.
  await panel.getByRole("button", { name: /다음 단계/ }).click();
  await expect(panel.getByRole("heading", { name: "정책 묶기" })).toBeVisible();
  await sandbox.run(["cat <<'EOF' | kubectl apply -f -", "apiVersion: admissionregistration.k8s.io/v1", "kind: ValidatingAdmissionPolicyBinding", "metadata:", "  name: servicecidrs.reserved", "spec:", "  policyName: servicecidrs.reserved", "  validationActions: [Deny]", "EOF"]);
  await expectScreen(sandbox, "validatingadmissionpolicybinding.admissionregistration.k8s.io/servicecidrs.reserved created");
  await expect(goal).toContainText("이 단계를 마쳤습니다.");
  await page.screenshot({ path: test.info().outputPath("lesson-guard-rails-ko.png") });
});

test("the AKS lesson: clicking every command builds a cluster elsewhere, and the goal reads the cluster kubectl now points at", async ({ sandbox }) => {
  test.setTimeout(120_000);
  const { page, terminal } = sandbox;
  await sandbox.open("/#/lessons/pod-cidrs-and-kubenet/plan");
  const panel = page.getByTestId("lesson-panel");
  await expect(panel.getByRole("heading", { name: "Plan the address space" })).toBeVisible();
  const goal = panel.getByTestId("lesson-goal");
  await expect(goal).toContainText("The cluster's Service range is 10.0.0.0/16", { timeout: 30_000 });
  await expect(terminal).toHaveAttribute("data-engine", "ready");

  const buttons = panel.locator(".run-button");
  await expect(buttons).toHaveCount(6);
  for (let i = 0; i < 6; i++) {
    const n = Number(await terminal.getAttribute("data-commands"));
    await buttons.nth(i).click();
    await expect(terminal).toHaveAttribute("data-commands", String(n + 1), { timeout: 30_000 });
  }
  await expectScreen(sandbox, "(ServiceCidrOverlapExistingSubnetsCidr) The specified service CIDR 10.10.0.0/16 is conflicted with an existing subnet CIDR 10.10.1.0/24");
  await expectScreen(sandbox, /kubernetes\s+10\.0\.0\.0\/16/);
  await expect(goal).toContainText("Step complete.");
  await page.screenshot({ path: test.info().outputPath("lesson-aks-en.png") });
});
