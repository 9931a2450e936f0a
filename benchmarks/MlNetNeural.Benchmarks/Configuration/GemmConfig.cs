using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MlNetNeural.Benchmarks.MatrixProducts;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>Matrix products write into preallocated outputs, so the allocator setting does not matter: one job, plus GFLOP/s.</summary>
public sealed class GemmConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public GemmConfig()
    {
        AddJob(BenchmarkJobs.AsShipped().WithWarmupCount(3).WithIterationCount(10));
        AddColumn(new GflopsColumn());
    }
}
