using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>
/// The device authorisation grant, when the metadata offers it: a device authorisation request polled
/// once before anyone approves it, a poll with a device code never issued, and a second request approved
/// at its verification page (over plain HTTP, signed in as the user) and then polled for the tokens.
/// </summary>
public sealed record DeviceGrantObservations
{
    public required OAuthClientUsed Client { get; init; }
    public required string UserId { get; init; }
    /// <summary>The first device authorisation request's answer.</summary>
    public required MatrixResponse Authorization { get; init; }
    /// <summary>Its device code polled before approval; not seen when the answer had no device code.</summary>
    public required Observed<MatrixResponse> PendingPoll { get; init; }
    public required MatrixResponse UnknownPoll { get; init; }
    /// <summary>The approved request; not seen when the first answer was unusable.</summary>
    public required Observed<DeviceApproval> Approved { get; init; }

    public Observed<MatrixResponse> For(DevicePoll poll) => poll == DevicePoll.Pending ? PendingPoll : UnknownPoll;
}

/// <summary>The second device authorisation request, the walk through its verification page, the poll
/// that followed, and whoami with the token it gave.</summary>
public sealed record DeviceApproval(string DeviceId, MatrixResponse Authorization, PageWalk? Walk, MatrixResponse Poll, MatrixResponse? Whoami);

/// <summary>The polls whose error answers the spec names.</summary>
public enum DevicePoll { Pending, UnknownCode }

/// <summary>What an approved device gets.</summary>
public enum DeviceTokens { Device, RefreshToken }
