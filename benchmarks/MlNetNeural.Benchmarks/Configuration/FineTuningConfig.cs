using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// The fine-tuning and pruning benchmarks compare variants of our own code in one process setup (no TorchSharp): the
/// as-shipped job, two warm-up and eight measured iterations.
/// </summary>
public sealed class FineTuningConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public FineTuningConfig() => AddJob(BenchmarkJobs.AsShipped().WithWarmupCount(2).WithIterationCount(8));
}
