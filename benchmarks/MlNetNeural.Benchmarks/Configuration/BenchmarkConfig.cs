using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using MlNetNeural.Benchmarks.Workloads;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>Settings shared by every benchmark class; the classes add their own jobs through [Config].</summary>
public static class BenchmarkConfig
{
    /// <summary>Memory diagnoser on, and a column recording the thread budget every library got.</summary>
    public static IConfig Create() => ManualConfig.CreateMinimumViable()
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new TagColumn("Threads", _ => WorkloadW.Threads.ToString()))
        .AddColumn(RankColumn.Arabic)
        .WithOptions(ConfigOptions.JoinSummary);
}
