using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlNetNeural;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Core.Training;
using MlNetNeural.Federated;
using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Simulation;
using MlNetNeural.Trainers;
using Federated;

// Federated diagnosis across hospitals that cannot pool their rows: the WDBC table split into four hospitals with
// different case mixes, each a silo of a localhost Orleans cluster. Compares every hospital alone, federated training
// (FedAvg, FedProx; with and without secure aggregation and DP) and pooled training, on one common held-out test set.
//   dotnet run -c Release --project samples/Federated              the comparison (about a minute)
//   dotnet run -c Release --project samples/Federated -- --scaling time and bytes per round for 2, 4, 8 and 16 sites
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var ml = new MLContext(seed: 1);
var cases = BreastCancerCases.Read(ml, BreastCancerCases.Locate("breast_cancer_wisconsin_diagnostic.csv"));
if (args.Contains("--scaling"))
{
    await Scaling.Run(ml, cases);
    return;
}

const int Rounds = 30, LocalEpochs = 2, Seed = 7;
string[] hospitals = ["screening-clinic", "community-hospital", "university-hospital", "cancer-centre"];
var trainAndTest = SiteSplits.ByLabelSkew(cases, c => c.Label, [0.7, 0.3], [0.7, 0.3], Seed);
// Case mix: the screening clinic sees mostly benign masses, the cancer centre mostly malignant ones.
var sites = SiteSplits.ByLabelSkew(trainAndTest[0], c => c.Label, [0.03, 0.17, 0.3, 0.5], [0.4, 0.3, 0.2, 0.1], Seed + 1);
var test = ml.Data.LoadFromEnumerable(trainAndTest[1]);
Console.WriteLine($"WDBC: {cases.Count} cases; test set {trainAndTest[1].Count} (held out, never at any site).");
for (int s = 0; s < hospitals.Length; s++)
    Console.WriteLine($"  {hospitals[s],-20} {sites[s].Count,4} cases, {sites[s].Count(c => c.Label),3} malignant");

// Standardize: the input scaling federated training fits from securely summed means and variances, used by every setting.
// One network without periodic embeddings in every setting, the model federated training trains (left automatic, EnsembleSize
// would average five networks and PeriodicEmbeddings would embed the 30 features when alone or pooled), trained at Adam's
// constant 1e-3, the schedule federated rounds use (left automatic, alone and pooled would decay a larger rate by cosine).
MlpBinaryTrainer.Options Trainer() => new()
{
    HiddenLayers = [32], Dropout = 0f, Seed = Seed, NumberOfThreads = 1, InputScaling = InputScaling.Standardize, InputClipBound = 0f, EnsembleSize = 1,
    PeriodicEmbeddings = false, LearningRate = 1e-3f, LearningRateSchedule = LearningRateScheduleKind.Constant,
};
double Auc(ITransformer model) => ml.BinaryClassification.Evaluate(model.Transform(test)).AreaUnderRocCurve;
double Centralized(IEnumerable<Case> rows)
{
    var options = Trainer();
    options.MaxEpochs = Rounds * LocalEpochs;
    return Auc(ml.BinaryClassification.Trainers.Mlp(options).Fit(ml.Data.LoadFromEnumerable(rows)));
}

string savedModel = Path.Combine(AppContext.BaseDirectory, "federated-wdbc.zip");
var rows = new List<(string Setting, double Auc, string Notes)>();
for (int s = 0; s < hospitals.Length; s++) rows.Add(($"{hospitals[s]} alone", Centralized(sites[s]), $"{sites[s].Count} cases"));

await using (var federation = await LocalFederation.StartAsync(sites.Select((c, s) => new KeyValuePair<string, IDataView>(hospitals[s], ml.Data.LoadFromEnumerable(c)))))
{
    async Task Federate(string setting, Action<FederatedOptions> configure)
    {
        var options = new FederatedOptions { Study = setting, Trainer = Trainer(), Rounds = Rounds, LocalEpochs = LocalEpochs };
        configure(options);
        var clock = Stopwatch.StartNew();
        var result = await federation.TrainAsync(options);
        string epsilon = result.Privacy.Epsilon is double e ? $", ε = {e:F1} (δ = 1e-5)" : "";
        rows.Add((setting, Auc(result.Transformer), $"{result.MeanBytesPerRound / 1000:F1} kB/round, {clock.Elapsed.TotalSeconds:F1} s{epsilon}"));
        if (setting == "FedAvg + secure aggregation")
        {
            ml.RegisterMlNetNeural();
            ml.Model.SaveSafely(result.Transformer, test.Schema, savedModel);
            var reloaded = ml.Model.Load(savedModel, out _);
            Console.WriteLine($"Saved {savedModel}; reloaded, it scores test AUC {Auc(reloaded):F4} (trained: {Auc(result.Transformer):F4}).");
        }
    }
    await Federate("FedAvg, plain sums", o => o.SecureAggregation = false);
    await Federate("FedAvg + secure aggregation", _ => { });
    await Federate("FedProx (μ = 0.1) + secure aggregation", o => o.ProximalStrength = 0.1f);
    await Federate("FedAvg + secure aggregation + DP (z = 0.5)", o => o.DifferentialPrivacy = new DifferentialPrivacyOptions { ClipNorm = 1f, NoiseMultiplier = 0.5f, NoiseSeed = Seed });
    await Federate("FedAvg + secure aggregation + DP (z = 1)", o => o.DifferentialPrivacy = new DifferentialPrivacyOptions { ClipNorm = 1f, NoiseMultiplier = 1f, NoiseSeed = Seed });
}
rows.Add(("pooled (all rows in one place)", Centralized(sites.SelectMany(c => c)), "not allowed in practice: the reference"));

Console.WriteLine();
Console.WriteLine($"| training ({Rounds} rounds × {LocalEpochs} local epochs; alone and pooled: {Rounds * LocalEpochs} epochs) | test AUC | notes |");
Console.WriteLine("|---|---:|---|");
foreach (var (setting, auc, notes) in rows) Console.WriteLine($"| {setting} | {auc:F4} | {notes} |");
Console.WriteLine();
