using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// Configuration of the ML.NET pipeline and scoring benchmarks: one as-shipped job with one warm-up and
/// three measured iterations (a LightGbm fit of the digits takes tens of seconds), allocations reported.
/// </summary>
public sealed class MlNetConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public MlNetConfig()
    {
        AddJob(BenchmarkJobs.AsShipped().WithWarmupCount(1).WithIterationCount(3));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
