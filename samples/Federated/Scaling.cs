using Microsoft.ML;
using MlNetNeural.Federated;
using MlNetNeural.Federated.Simulation;
using MlNetNeural.Trainers;

namespace Federated;

/// <summary>Time and payload bytes per round for 2, 4, 8 and 16 simulated sites (each its own silo on localhost), with and without secure aggregation.</summary>
internal static class Scaling
{
    public static async Task Run(MLContext ml, IReadOnlyList<Case> cases)
    {
        const int Rounds = 10;
        Console.WriteLine($"WDBC ({cases.Count} cases) dealt evenly to N sites; {Rounds} rounds of 1 local epoch; load average at the start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        Console.WriteLine("| MLP | sites | secure aggregation | s per round | kB to sites per round | kB from sites per round |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|");
        foreach (int[] hidden in new[] { new[] { 32 }, new[] { 256, 256 } })
        foreach (int n in new[] { 2, 4, 8, 16 })
        {
            var shares = Enumerable.Repeat(1.0 / n, n).ToArray();
            var sites = SiteSplits.ByLabelSkew(cases, c => c.Label, shares, shares, 3);
            await using var federation = await LocalFederation.StartAsync(sites.Select((c, s) => new KeyValuePair<string, IDataView>($"site-{s + 1:00}", ml.Data.LoadFromEnumerable(c))));
            foreach (bool secure in new[] { false, true })
            {
                var options = new FederatedOptions
                {
                    Study = $"scaling-{n}-{secure}", Rounds = Rounds, LocalEpochs = 1, SecureAggregation = secure,
                    Trainer = new MlpBinaryTrainer.Options { HiddenLayers = hidden, Dropout = 0f, Seed = 1, NumberOfThreads = 1 },
                };
                var result = await federation.TrainAsync(options);
                var rounds = result.Rounds.Where(r => r.Round > 0).ToList();
                string shape = $"30-{string.Join("-", hidden)}-1 ({result.Model.Network.ParameterCount:N0} weights)";
                Console.WriteLine($"| {shape} | {n} | {(secure ? "yes" : "no")} | {rounds.Average(r => r.Seconds):F3} | {rounds.Average(r => r.BytesToSites) / 1000:F1} | {rounds.Average(r => r.BytesFromSites) / 1000:F1} |");
            }
        }
    }
}
