using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// One training epoch takes seconds, so few, single-invocation iterations are enough; both process
/// setups (<see cref="BenchmarkJobs.AsShipped"/>, <see cref="BenchmarkJobs.MallocKeep"/>), and the as-shipped job built
/// against another checkout when <see cref="OtherCheckout.Variable"/> names one (before/after of a change in one run).
/// </summary>
public sealed class EpochConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public EpochConfig()
    {
        var asShipped = BenchmarkJobs.AsShipped().WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5);
        AddJob(asShipped);
        AddJob(BenchmarkJobs.MallocKeep().WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
        OtherCheckout.AddJobIfRequested(this, asShipped);
    }
}
