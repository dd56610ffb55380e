using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Scenarios;
using Conformance.Suites.Locking.Sweep;
using Xunit;

[assembly: AssemblyFixture(typeof(Conformance.Suites.Locking.LockingSuite))]

namespace Conformance.Suites.Locking;

/// <summary>
/// The suite's one shared fixture: the run context and the scenarios (lock, admin lock API, suspension,
/// admin suspend API), each run once, on first use, whichever test asks first. Disposing it writes the
/// suite's results for the runner.
/// </summary>
public sealed class LockingSuite : IAsyncLifetime
{
    public SuiteContext Context { get; private set; } = null!;
    private Lazy<Task<LockObservations>> _lock = null!;
    private Lazy<Task<AdminApiObservations>> _admin = null!;
    private Lazy<SideEffectProbes> _probes = null!;
    private Lazy<Task<SuspensionObservations>> _suspension = null!;
    private Lazy<Task<AdminSuspendApiObservations>> _adminSuspend = null!;
    private Lazy<SuspensionPlan> _suspensionPlan = null!;

    public Task<LockObservations> Lock => _lock.Value;
    public Task<AdminApiObservations> AdminApi => _admin.Value;
    public Task<SuspensionObservations> Suspension => _suspension.Value;
    public Task<AdminSuspendApiObservations> AdminSuspendApi => _adminSuspend.Value;

    /// <summary>fixtures/sweep/suspension.yaml: how the suspension sweep differs from the lock sweep, and its read-back.</summary>
    public SuspensionPlan SuspensionPlan => _suspensionPlan.Value;

    /// <summary>The reads of fixtures/sweep/side-effects.yaml, which show whether a request sent while
    /// locked took effect.</summary>
    public SideEffectProbes Probes => _probes.Value;

    public async ValueTask InitializeAsync()
    {
        Context = await SuiteContext.CreateAsync("locking");
        _probes = new(() => SideEffectProbes.Load(Path.Combine(Context.Layout.SweepFolder, "side-effects.yaml")));
        _lock = new(() => LockScenario.RunAsync(Context, Probes, Context.Cancellation));
        _admin = new(() => AdminApiScenario.RunAsync(Context, Context.Cancellation));
        _suspensionPlan = new(() => SuspensionPlan.Load(Path.Combine(Context.Layout.SweepFolder, "suspension.yaml")));
        _suspension = new(() => SuspensionScenario.RunAsync(Context, SuspensionPlan, Context.Cancellation));
        _adminSuspend = new(() => AdminSuspendApiScenario.RunAsync(Context, Context.Cancellation));
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
