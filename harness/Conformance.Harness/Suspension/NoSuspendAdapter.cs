namespace Conformance.Harness.Suspension;

/// <summary>No way to suspend: every check that needs a suspended account is skipped with <see cref="Reason"/>.</summary>
public sealed class NoSuspendAdapter(string reason) : ISuspendAdapter
{
    public string Name => "none";
    public bool CanSuspend => false;
    public string Reason { get; } = reason;

    public Task<SuspendOutcome> SetSuspendedAsync(string userId, bool suspended, CancellationToken ct) =>
        Task.FromResult(new SuspendOutcome(false, Reason));
}
