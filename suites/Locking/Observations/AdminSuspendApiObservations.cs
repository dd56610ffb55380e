using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Locking.Observations;

/// <summary>What the admin suspend API scenario saw: discovery (always asked), then the API's answers,
/// which are not seen when the server has no admin suspend API (skip) or the scenario could not start.</summary>
public sealed record AdminSuspendApiObservations(Observed<AdminApiDiscovery> Discovery, Observed<AdminSuspendAnswers> Api);

/// <summary>A GET and a PUT of <c>/admin/suspend/{userId}</c> for one user.</summary>
public sealed record SuspendApiPair(MatrixResponse Get, MatrixResponse Put)
{
    public MatrixResponse For(SuspendApiMethod method) => method == SuspendApiMethod.Get ? Get : Put;
}

/// <summary>What the target account could do, as itself, before the suspension, while suspended and after
/// unsuspending: send a message in its own room and change its display name (each list in that order).</summary>
public sealed record SuspensionEffect(IReadOnlyList<MatrixResponse> Before, IReadOnlyList<MatrixResponse> WhileSuspended, IReadOnlyList<MatrixResponse> AfterUnsuspend);

public sealed record AdminSuspendAnswers
{
    /// <summary>A non-admin's GET and PUT on an existing user, and the admin's GET of that user afterwards.</summary>
    public required SuspendApiPair NonAdmin { get; init; }
    public required MatrixResponse AfterNonAdminPut { get; init; }
    /// <summary>A non-admin on an existing, an unknown and a remote user, to tell whether they can be told apart.</summary>
    public required SuspendApiPair NonAdminOnExisting { get; init; }
    public required SuspendApiPair NonAdminOnUnknown { get; init; }
    public required SuspendApiPair NonAdminOnRemote { get; init; }
    /// <summary>The admin suspends, reads, unsuspends and reads again.</summary>
    public required MatrixResponse Suspend { get; init; }
    public required MatrixResponse Suspended { get; init; }
    public required MatrixResponse Unsuspend { get; init; }
    public required MatrixResponse Unsuspended { get; init; }
    /// <summary>The target's own requests around it; not seen when the target could not be given a room.</summary>
    public required Observed<SuspensionEffect> Effect { get; init; }
    /// <summary>The error answers: a remote, an unknown and a deactivated user.</summary>
    public required SuspendApiPair RemoteUser { get; init; }
    public required SuspendApiPair UnknownUser { get; init; }
    public required Observed<SuspendApiPair> DeactivatedUser { get; init; }
    /// <summary>An admin suspending another admin, and an admin suspending itself (PUT only).</summary>
    public required Observed<MatrixResponse> OtherAdmin { get; init; }
    public required Observed<MatrixResponse> Self { get; init; }
}

public enum SuspendApiMethod { Get, Put }

public enum SuspendChange { Suspend, Unsuspend }
