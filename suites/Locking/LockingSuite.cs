using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Scenarios;
using Xunit;

[assembly: AssemblyFixture(typeof(Conformance.Suites.Locking.LockingSuite))]

namespace Conformance.Suites.Locking;

/// <summary>
/// The suite's one shared fixture: the run context and the two scenarios, each run once, on first use,
/// whichever test asks first. Disposing it writes the suite's results for the runner.
/// </summary>
public sealed class LockingSuite : IAsyncLifetime
{
    public SuiteContext Context { get; private set; } = null!;
    private Lazy<Task<LockScenario>> _lock = null!;
    private Lazy<Task<AdminApiObservations>> _admin = null!;

    public Task<LockScenario> Lock => _lock.Value;
    public Task<AdminApiObservations> AdminApi => _admin.Value;

    public async ValueTask InitializeAsync()
    {
        Context = await SuiteContext.CreateAsync("locking");
        _lock = new(async () =>
        {
            var s = new LockScenario(Context);
            await s.RunAsync(Context.Cancellation);
            return s;
        });
        _admin = new(() => AdminApiScenario.RunAsync(Context, Context.Cancellation));
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
