using System.Collections.Concurrent;
using Conformance.Harness.Provisioning;

namespace Conformance.Suites.Common;

/// <summary>One account per role for the whole suite process, made on first use, so scenarios that
/// run side by side share the admin instead of registering it twice.</summary>
public sealed class AccountPool(IAccountProvisioner provisioner, CancellationToken ct)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TestAccount?>>> _accounts = new(StringComparer.Ordinal);

    public Task<TestAccount?> GetAsync(string role, bool admin) =>
        _accounts.GetOrAdd(role, r => new Lazy<Task<TestAccount?>>(() => provisioner.AccountAsync(r, admin, ct))).Value;

    /// <summary>An account the scenario cannot do without: a missing one ends the scenario with the reason.</summary>
    public async Task<TestAccount> RequireAsync(string role, bool admin) =>
        await GetAsync(role, admin) ?? throw new MissingAccountException(role);
}
