using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// One training epoch takes seconds, so few, single-invocation iterations are enough; both process
/// setups (<see cref="BenchmarkJobs.AsShipped"/>, <see cref="BenchmarkJobs.MallocKeep"/>).
/// </summary>
public sealed class EpochConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public EpochConfig()
    {
        AddJob(BenchmarkJobs.AsShipped().WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
        AddJob(BenchmarkJobs.MallocKeep().WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }
}
