using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>What one deep link did in the browser, and what the API showed around it.</summary>
public sealed class BrowserFlowResult
{
    public required string Action { get; init; }
    /// <summary>Set when the flow could not be carried out (sign-in failed, the page broke).</summary>
    public Judgement? Unavailable { get; set; }
    public string? DeviceId { get; init; }
    public string? DeviceName { get; init; }
    /// <summary>The page the deep link showed, signed in.</summary>
    public PageView? Loaded { get; set; }
    /// <summary>API state right after the page loaded, before anything was confirmed.</summary>
    public List<MatrixResponse> AfterLoad { get; } = [];
    public PageView? Confirmed { get; set; }
    /// <summary>Set when confirming could not be tried or broke; what was seen before still counts.</summary>
    public Judgement? ConfirmUnavailable { get; set; }
    /// <summary>True when a sign-in page came up while confirming (re-authentication that way).</summary>
    public bool SignInWhileConfirming { get; set; }
    public List<MatrixResponse> AfterConfirm { get; } = [];
    public List<Attachment> Screenshots { get; } = [];
    /// <summary>From opening the deep link to the last API check after confirming.</summary>
    public TimeSpan Took { get; set; }
    public DateTimeOffset Started { get; set; }
}
