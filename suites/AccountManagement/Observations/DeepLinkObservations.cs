using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>Deep links opened over plain HTTP with no session, as a client that only opens the link
/// makes them, for a user with two devices; and what the API showed after following the destructive
/// ones, redirects and all.</summary>
public sealed record DeepLinkObservations
{
    /// <summary>The URL and the advertised actions the links were built from.</summary>
    public required AccountManagementUrl Account { get; init; }
    /// <summary><c>?action=</c> each of the spec's actions, advertised or not, and an advertised one with an
    /// id_token_hint.</summary>
    public required ActionLinkAnswers Actions { get; init; }
    /// <summary><c>?action=org.matrix.device_view&amp;device_id=</c> the second device (device_delete when
    /// device_view is not advertised).</summary>
    public required MatrixResponse DeviceAction { get; init; }
    /// <summary><c>?action=org.matrix.profile&amp;device_id=</c> the second device.</summary>
    public required MatrixResponse ProfileWithDeviceId { get; init; }
    /// <summary>An action nobody advertises.</summary>
    public required MatrixResponse UnknownAction { get; init; }
    /// <summary>device_delete without a device_id.</summary>
    public required MatrixResponse MissingDeviceId { get; init; }
    public required NoSessionAftermath NoSession { get; init; }

    public MatrixResponse For(UnusualLink link) => link == UnusualLink.UnknownAction ? UnknownAction : MissingDeviceId;
}

/// <summary>The answers to <c>?action=</c> each spec action, and to an advertised action with an extra
/// parameter.</summary>
public sealed record ActionLinkAnswers
{
    public required MatrixResponse Profile { get; init; }
    public required MatrixResponse DevicesList { get; init; }
    public required MatrixResponse DeviceView { get; init; }
    public required MatrixResponse DeviceDelete { get; init; }
    public required MatrixResponse AccountDeactivate { get; init; }
    public required MatrixResponse CrossSigningReset { get; init; }
    public required MatrixResponse ExtraParameter { get; init; }

    public MatrixResponse For(ActionLink link) => link switch
    {
        ActionLink.Profile => Profile,
        ActionLink.DevicesList => DevicesList,
        ActionLink.DeviceView => DeviceView,
        ActionLink.DeviceDelete => DeviceDelete,
        ActionLink.AccountDeactivate => AccountDeactivate,
        ActionLink.CrossSigningReset => CrossSigningReset,
        _ => ExtraParameter,
    };
}

/// <summary>After a bare navigation, with no session, to the device_delete link for the second device and
/// to the account_deactivate link: the user's device list (asked from the first device) and whoami with
/// the second device's token, then whoami with the first device's token.</summary>
public sealed record NoSessionAftermath(string TargetDevice, MatrixResponse Devices, MatrixResponse TargetToken, MatrixResponse AccountToken);

/// <summary>A deep link with one of the spec's actions, or (<see cref="ExtraParameter"/>) an advertised
/// action with a parameter the spec does not name.</summary>
public enum ActionLink
{
    [Case(ActionNames.Profile)] Profile,
    [Case(ActionNames.DevicesList)] DevicesList,
    [Case(ActionNames.DeviceView)] DeviceView,
    [Case(ActionNames.DeviceDelete)] DeviceDelete,
    [Case(ActionNames.AccountDeactivate)] AccountDeactivate,
    [Case(ActionNames.CrossSigningReset)] CrossSigningReset,
    ExtraParameter,
}

/// <summary>Links whose handling the spec leaves to the server.</summary>
public enum UnusualLink { UnknownAction, MissingDeviceId }

/// <summary>The device_id parameter, over plain HTTP and signed in in a browser.</summary>
public enum DeviceIdSupport { Http, Browser }
