namespace Conformance.Harness.Locking;

/// <summary>No way to lock: every check that needs a locked account is skipped with <see cref="Reason"/>.</summary>
public sealed class NoLockAdapter(string reason) : ILockAdapter
{
    public string Name => "none";
    public bool CanLock => false;
    public string Reason { get; } = reason;

    public Task<LockOutcome> SetLockedAsync(string userId, bool locked, CancellationToken ct) =>
        Task.FromResult(new LockOutcome(false, Reason));
}
