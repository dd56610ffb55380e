using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>The deep links opened in a real browser, signed in, each for a user of its own. A flow is not
/// seen when its action is not advertised (skip) or its user could not be made (error).</summary>
public sealed record BrowserObservations
{
    public required Observed<BrowserFlow> DeviceView { get; init; }
    public required Observed<BrowserFlow> DeviceDelete { get; init; }
    public required Observed<BrowserFlow> AccountDeactivate { get; init; }
    public required Observed<BrowserFlow> CrossSigningReset { get; init; }
}

/// <summary>One deep link in the browser: the screenshots of every step it got to, and the page, when the
/// browser got that far.</summary>
public sealed record BrowserFlow
{
    public required string Action { get; init; }
    /// <summary>The device the link names (the user's second device), for the device actions.</summary>
    public string? DeviceId { get; init; }
    public string? DeviceName { get; init; }
    /// <summary>Not seen when signing in or loading the page broke (error).</summary>
    public required Observed<LoadedPage> Loaded { get; init; }
    public IReadOnlyList<Attachment> Screenshots { get; init; } = [];
}

/// <summary>The page the deep link showed, signed in, and what followed.</summary>
public sealed record LoadedPage
{
    public required PageView Page { get; init; }
    /// <summary>The API's state right after the page loaded, before anything was confirmed; not seen for a
    /// page the flow only reads.</summary>
    public required Observed<ActionState> AfterLoad { get; init; }
    /// <summary>Confirming on the page; not seen when the page offered nothing to confirm with
    /// (inconclusive), confirming broke (error), or the flow only reads the page.</summary>
    public required Observed<Confirmation> Confirmed { get; init; }
}

/// <summary>The page after confirming, whether a sign-in page came up on the way (re-authentication that
/// way), and the API's state afterwards.</summary>
public sealed record Confirmation(PageView Page, bool SignInWhileConfirming, ActionState After);

/// <summary>What the API shows about whether a destructive action happened.</summary>
public abstract record ActionState
{
    /// <summary>The responses, in the order they were asked for: the evidence of a verdict.</summary>
    public abstract IReadOnlyList<MatrixResponse> Responses { get; }
}

/// <summary>device_delete: the user's devices, listed from another device, and whoami with the device's token.</summary>
public sealed record DeviceState(MatrixResponse Devices, MatrixResponse Token) : ActionState
{
    public override IReadOnlyList<MatrixResponse> Responses => [Devices, Token];
}

/// <summary>account_deactivate: whoami with the account's token and, after confirming, a password login.</summary>
public sealed record AccountState(MatrixResponse Token, MatrixResponse? Login = null) : ActionState
{
    public override IReadOnlyList<MatrixResponse> Responses => Login is null ? [Token] : [Token, Login];
}

/// <summary>One step of a destructive action: following the bare link with no session, loading the page
/// signed in, what the page tells the user, and confirming.</summary>
public enum DestructiveStep
{
    [Case("device_delete-no-session")] DeviceDeleteNoSession,
    [Case("account_deactivate-no-session")] AccountDeactivateNoSession,
    [Case("device_delete-after-load")] DeviceDeleteAfterLoad,
    [Case("device_delete-informs")] DeviceDeleteInforms,
    [Case("device_delete-completes")] DeviceDeleteCompletes,
    [Case("account_deactivate-after-load")] AccountDeactivateAfterLoad,
    [Case("account_deactivate-informs")] AccountDeactivateInforms,
    [Case("account_deactivate-completes")] AccountDeactivateCompletes,
    [Case("cross_signing_reset-informs")] CrossSigningResetInforms,
}

/// <summary>The destructive actions, which should ask for the password again.</summary>
public enum DestructiveAction
{
    [Case("device_delete")] DeviceDelete,
    [Case("account_deactivate")] AccountDeactivate,
}
