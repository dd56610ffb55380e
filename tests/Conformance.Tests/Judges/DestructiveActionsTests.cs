using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Suites.AccountManagement.Checks.ActionNames;
using static Conformance.Tests.Judges.AccountManagementSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The destructive actions' judges (the destructive-actions family) over hand-made observations.</summary>
public sealed class DestructiveActionsTests
{
    private static readonly DestructiveStep[] InBrowser = Enum.GetValues<DestructiveStep>().Where(s => !DestructiveActions.IsNoSession(s)).ToArray();

    private static Outcome Judge(Observed<BrowserObservations> o, DestructiveStep step) => DestructiveActions.AM011_ExplainedBeforeItHappens(o, step, Words());

    private static Outcome NoSession(DeepLinkObservations links, DestructiveStep step) => DestructiveActions.AM011_NothingHappensWithoutASession(links, step);

    [Fact]
    public void A_conformant_server_passes_every_step_and_asks_for_the_password()
    {
        Assert.Equal(Verdict.Pass, NoSession(Links(), DestructiveStep.DeviceDeleteNoSession).Verdict);
        Assert.Equal(Verdict.Pass, NoSession(Links(), DestructiveStep.AccountDeactivateNoSession).Verdict);
        foreach (var step in InBrowser) Assert.Equal(Verdict.Pass, Judge(Browser(), step).Verdict);
        foreach (var action in Enum.GetValues<DestructiveAction>()) Assert.Equal(Verdict.Pass, DestructiveActions.AM012_AsksForThePasswordAgain(Browser(), action).Verdict);
        var informs = Judge(Browser(), DestructiveStep.DeviceDeleteInforms);
        Assert.Contains($"('remove') and the device ({TargetDevice})", informs.Reason);
        Assert.Single(informs.Attachments);
    }

    [Fact]
    public void A_link_that_acts_without_a_session_fails_AM011()
    {
        var gone = Links() with { NoSession = new NoSessionAftermath(TargetDevice, Devices("DEV1"), TokenGone(), Whoami()) };
        var device = NoSession(gone, DestructiveStep.DeviceDeleteNoSession);
        Assert.Equal(Verdict.Fail, device.Reported("AM-011"));
        Assert.Contains("no longer listed", device.Reason);
        var deactivated = Links() with { NoSession = Links().NoSession with { AccountToken = TokenGone() } };
        Assert.Equal(Verdict.Fail, NoSession(deactivated, DestructiveStep.AccountDeactivateNoSession).Reported("AM-011"));
    }

    [Fact]
    public void The_no_session_steps_skip_without_an_account_uri_and_err_without_an_answer()
    {
        Assert.Equal(Verdict.Skip, DestructiveActions.AM011_NothingHappensWithoutASession(NoAccountUri(), DestructiveStep.AccountDeactivateNoSession).Verdict);
        var lost = Links() with { NoSession = Links().NoSession with { TargetToken = NoAnswer() } };
        Assert.Equal(Verdict.Error, NoSession(lost, DestructiveStep.DeviceDeleteNoSession).Verdict);
        Assert.Throws<ArgumentOutOfRangeException>(() => NoSession(Links(), DestructiveStep.DeviceDeleteInforms));
        Assert.Throws<ArgumentOutOfRangeException>(() => Judge(Browser(), DestructiveStep.DeviceDeleteNoSession));
    }

    [Fact]
    public void A_page_that_acts_on_load_fails_after_load()
    {
        var acted = DeviceDeletePage() with { AfterLoad = new DeviceState(Devices("DEV1"), TokenGone()) };
        var outcome = Judge(Browser() with { DeviceDelete = Flow(DeviceDelete, acted, device: true) }, DestructiveStep.DeviceDeleteAfterLoad);
        Assert.Equal(Verdict.Fail, outcome.Reported("AM-011"));
        Assert.Contains($"the device {TargetDevice} is no longer listed; its token answers 401 M_UNKNOWN_TOKEN", outcome.Reason);
        Assert.Equal(2, outcome.Exchanges.Count);
        var deactivated = AccountDeactivatePage() with { AfterLoad = new AccountState(TokenGone()) };
        Assert.Equal(Verdict.Fail, Judge(Browser() with { AccountDeactivate = Flow(AccountDeactivate, deactivated) }, DestructiveStep.AccountDeactivateAfterLoad).Reported("AM-011"));
    }

    [Fact]
    public void A_vague_page_fails_informs_for_the_MSCs_actions_and_warns_for_the_reset()
    {
        var vague = DeviceDeletePage() with { Page = Page("Are you sure?", true, "OK") };
        var outcome = Judge(Browser() with { DeviceDelete = Flow(DeviceDelete, vague, device: true) }, DestructiveStep.DeviceDeleteInforms);
        Assert.Equal(Verdict.Fail, outcome.Reported("AM-011"));
        Assert.Contains("no word naming the action (remove, sign out); the device DEV2 is not named", outcome.Reason);

        var reset = Browser() with { CrossSigningReset = Flow(CrossSigningReset, ReadOnlyPage(Page("Are you sure?", false, "OK"))) };
        var resetOutcome = Judge(reset, DestructiveStep.CrossSigningResetInforms);
        Assert.False(resetOutcome.Judgement.IsBreach);
        Assert.Equal(Verdict.Warn, resetOutcome.Reported("AM-011"));
    }

    [Fact]
    public void A_page_without_a_control_fails_informs_and_leaves_completing_inconclusive()
    {
        var noControl = AccountDeactivatePage() with
        {
            Page = Page("Deactivate your account?", true),
            Confirmed = Observed.NotSeen<Confirmation>(Judgement.Inconclusive("The page offers nothing to confirm with, so completing the action could not be tried.")),
        };
        var o = Browser() with { AccountDeactivate = Flow(AccountDeactivate, noControl) };
        Assert.Contains("no control to confirm with", Judge(o, DestructiveStep.AccountDeactivateInforms).Reason);
        Assert.Equal(Verdict.Inconclusive, Judge(o, DestructiveStep.AccountDeactivateCompletes).Verdict);
        // The password field on the page still counts as re-authentication.
        Assert.Equal(Verdict.Pass, DestructiveActions.AM012_AsksForThePasswordAgain(o, DestructiveAction.AccountDeactivate).Verdict);
    }

    [Fact]
    public void Confirming_that_does_nothing_fails_completes()
    {
        var nothing = DeviceDeletePage() with { Confirmed = new Confirmation(Page("Done."), false, new DeviceState(Devices("DEV1", TargetDevice), Whoami())) };
        Assert.Equal(Verdict.Fail, Judge(Browser() with { DeviceDelete = Flow(DeviceDelete, nothing, device: true) }, DestructiveStep.DeviceDeleteCompletes).Reported("AM-011"));
        var stillSignsIn = AccountDeactivatePage() with
        {
            Confirmed = new Confirmation(Page("Done."), false, new AccountState(TokenGone(), Json(200, """{"access_token":"syt_x","user_id":"@am:hs"}""", "POST", "/_matrix/client/v3/login"))),
        };
        var outcome = Judge(Browser() with { AccountDeactivate = Flow(AccountDeactivate, stillSignsIn) }, DestructiveStep.AccountDeactivateCompletes);
        Assert.Equal(Verdict.Fail, outcome.Reported("AM-011"));
        Assert.Equal("Confirming on the account_deactivate page did not do it: the password still signs in.", outcome.Reason);
    }

    [Fact]
    public void A_confirmation_the_page_asks_for_again_is_inconclusive_not_a_failure()
    {
        var askedAgain = AccountDeactivatePage() with
        {
            Confirmed = new Confirmation(Page("Type your full user ID to confirm. Deactivate your account?", asksForPassword: true, "Deactivate account"), false,
                new AccountState(Whoami(), Json(200, """{"access_token":"syt_x","user_id":"@am:hs"}""", "POST", "/_matrix/client/v3/login"))),
        };
        var outcome = Judge(Browser() with { AccountDeactivate = Flow(AccountDeactivate, askedAgain) }, DestructiveStep.AccountDeactivateCompletes);
        Assert.Equal(Verdict.Inconclusive, outcome.Verdict);
        Assert.Contains("web.confirm_per_action", outcome.Reason);
    }

    [Fact]
    public void A_broken_flow_or_confirmation_is_an_error_with_its_screenshots()
    {
        var broken = Flow(DeviceDelete, DeviceDeletePage(), device: true) with
        {
            Loaded = Observed.NotSeen<LoadedPage>(Judgement.Error("The browser could not sign in at http://127.0.0.1:8008/login: the page still asks for credentials.")),
        };
        foreach (var step in new[] { DestructiveStep.DeviceDeleteAfterLoad, DestructiveStep.DeviceDeleteInforms, DestructiveStep.DeviceDeleteCompletes })
        {
            var outcome = Judge(Browser() with { DeviceDelete = broken }, step);
            Assert.Equal(Verdict.Error, outcome.Verdict);
            Assert.Single(outcome.Attachments);
        }
        var confirmBroke = DeviceDeletePage() with { Confirmed = Observed.NotSeen<Confirmation>(Judgement.Error("Confirming broke.")) };
        Assert.Equal(Verdict.Error, Judge(Browser() with { DeviceDelete = Flow(DeviceDelete, confirmBroke, device: true) }, DestructiveStep.DeviceDeleteCompletes).Verdict);
        var lost = DeviceDeletePage() with { AfterLoad = new DeviceState(Devices("DEV1", TargetDevice), NoAnswer()) };
        Assert.Equal(Verdict.Error, Judge(Browser() with { DeviceDelete = Flow(DeviceDelete, lost, device: true) }, DestructiveStep.DeviceDeleteAfterLoad).Verdict);
    }

    [Fact]
    public void Without_a_browser_or_the_action_the_browser_steps_skip()
    {
        foreach (var step in InBrowser) Assert.Equal(Verdict.Skip, Judge(NoBrowser(), step).Verdict);
        var without = Browser() with { AccountDeactivate = NotAdvertised(AccountDeactivate) };
        var skip = Judge(without, DestructiveStep.AccountDeactivateInforms).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal("account_management_actions_supported does not list it", skip.Detection);
        Assert.Equal(Verdict.Skip, DestructiveActions.AM012_AsksForThePasswordAgain(without, DestructiveAction.AccountDeactivate).Verdict);
    }

    [Fact]
    public void AM012_passes_on_a_sign_in_while_confirming_and_warns_when_nothing_asked_for_the_password()
    {
        var noField = DeviceDeletePage() with { Page = Page($"Remove the device {TargetDevice}?", false, "Remove") };
        var signIn = noField with { Confirmed = new Confirmation(Page("Removed."), true, new DeviceState(Devices("DEV1"), TokenGone())) };
        var viaSignIn = DestructiveActions.AM012_AsksForThePasswordAgain(Browser() with { DeviceDelete = Flow(DeviceDelete, signIn, device: true) }, DestructiveAction.DeviceDelete);
        Assert.Equal(Verdict.Pass, viaSignIn.Verdict);
        Assert.Contains("a sign-in page came up while confirming", viaSignIn.Reason);

        var never = DestructiveActions.AM012_AsksForThePasswordAgain(Browser() with { DeviceDelete = Flow(DeviceDelete, noField, device: true) }, DestructiveAction.DeviceDelete);
        Assert.True(never.Judgement.IsBreach);
        Assert.Equal(Verdict.Warn, never.Reported("AM-012"));

        var untried = noField with { Confirmed = Observed.NotSeen<Confirmation>(Judgement.Inconclusive("The page offers nothing to confirm with.")) };
        Assert.Equal(Verdict.Inconclusive, DestructiveActions.AM012_AsksForThePasswordAgain(Browser() with { DeviceDelete = Flow(DeviceDelete, untried, device: true) }, DestructiveAction.DeviceDelete).Verdict);
    }
}
