using Microsoft.ML;
using MlNetNeural.Core.Training;
using MlNetNeural.Federated.Simulation;
using MlNetNeural.Trainers;
using Xunit.Abstractions;

namespace MlNetNeural.Federated.Tests;

/// <summary>One localhost federation (a coordinator silo and three hospital silos) shared by the studies below.</summary>
public sealed class WdbcFederation : IAsyncLifetime
{
    public MLContext Ml { get; } = new(seed: 1);

    public IReadOnlyList<IReadOnlyList<WdbcRow>> Sites { get; private set; } = [];

    public IDataView Test { get; private set; } = null!;

    public LocalFederation Federation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (sites, test) = WdbcData.Split();
        Sites = sites;
        Test = Ml.Data.LoadFromEnumerable(test);
        Federation = await LocalFederation.StartAsync(WdbcData.SiteViews(Ml, sites));
    }

    public async Task DisposeAsync() => await Federation.DisposeAsync();

    /// <summary>
    /// The trainer of every study here; Standardize so that pooled and site-alone training scale the inputs as federated training
    /// does, and one network without periodic embeddings, the model federated training trains (left automatic, the ensemble would
    /// average five networks and the embeddings would be on when pooled or alone).
    /// </summary>
    public static MlpBinaryTrainer.Options Trainer() => new()
    {
        HiddenLayers = [16], Dropout = 0f, Seed = 3, NumberOfThreads = 1, InputScaling = InputScaling.Standardize, InputClipBound = 0f, EnsembleSize = 1, PeriodicEmbeddings = false,
    };

    public double Auc(ITransformer model) => Ml.BinaryClassification.Evaluate(model.Transform(Test)).AreaUnderRocCurve;

    /// <summary>The same trainer on rows pooled in one place (what federated training approximates), with the same total epochs.</summary>
    public double PooledAuc(IEnumerable<WdbcRow> rows, int epochs)
    {
        var options = Trainer();
        options.MaxEpochs = epochs;
        return Auc(Ml.BinaryClassification.Trainers.Mlp(options).Fit(Ml.Data.LoadFromEnumerable(rows)));
    }
}

public sealed class FederatedStudyTests(WdbcFederation fixture, ITestOutputHelper output) : IClassFixture<WdbcFederation>
{
    private const int Rounds = 20, LocalEpochs = 3;

    private FederatedOptions Study(string name) => new() { Study = name, Trainer = WdbcFederation.Trainer(), Rounds = Rounds, LocalEpochs = LocalEpochs };

    [Fact(Timeout = TestLimits.Federation)]
    public async Task Federated_training_on_three_silos_comes_within_a_point_of_pooled_AUC_and_beats_the_smallest_hospital_alone()
    {
        var result = await fixture.Federation.TrainAsync(Study("wdbc-fedavg"));
        double federated = fixture.Auc(result.Transformer);
        double pooled = fixture.PooledAuc(fixture.Sites.SelectMany(s => s), Rounds * LocalEpochs);
        double screeningAlone = fixture.PooledAuc(fixture.Sites[0], Rounds * LocalEpochs);
        output.WriteLine($"AUC federated {federated:F4}, pooled {pooled:F4}, screening clinic alone {screeningAlone:F4}; {result.Privacy}; {result.MeanBytesPerRound:F0} bytes per round");
        foreach (var round in result.Rounds) output.WriteLine(round.ToString());

        Assert.True(federated >= pooled - 0.01, $"federated AUC {federated:F4} is more than a point below pooled {pooled:F4}");
        Assert.True(screeningAlone < federated, $"the screening clinic alone ({screeningAlone:F4}) is not worse than federated ({federated:F4})");
        Assert.Equal(Rounds + 1, result.Rounds.Count);
        Assert.All(result.Rounds.Skip(1), r => Assert.Equal(3, r.Participants.Length));
        Assert.Equal(Rounds, result.Model.History.Epochs.Count);
        Assert.True(result.Rounds[1].BytesToSites > 4 * result.Model.Network.ParameterCount, "a round sends the global network to every site");
    }

    [Fact(Timeout = TestLimits.Federation)]
    public async Task Secure_aggregation_changes_what_the_coordinator_sees_but_not_the_model_and_the_same_seed_gives_the_same_model()
    {
        var masked = await fixture.Federation.TrainAsync(Study("wdbc-masked").WithRounds(5));
        var again = await fixture.Federation.TrainAsync(Study("wdbc-masked-again").WithRounds(5));
        var plainOptions = Study("wdbc-plain").WithRounds(5);
        plainOptions.SecureAggregation = false;
        var plain = await fixture.Federation.TrainAsync(plainOptions);

        var weights = Weights(masked);
        Assert.Equal(weights, Weights(again));
        Assert.Equal(weights, Weights(plain));
        Assert.True(masked.Rounds[1].BytesToSites > plain.Rounds[1].BytesToSites, "secure aggregation exchanges public keys as well");
    }

    [Fact(Timeout = TestLimits.Federation)]
    public async Task FedProx_with_DP_FedAvg_clips_adds_the_noise_and_reports_the_accountants_epsilon()
    {
        FederatedOptions Private(string name, float noise)
        {
            var options = Study(name).WithRounds(5);
            options.ProximalStrength = 0.1f;
            options.DifferentialPrivacy = new Privacy.DifferentialPrivacyOptions { ClipNorm = 1f, NoiseMultiplier = noise, NoiseSeed = 5 };
            return options;
        }
        var clippedOnly = await fixture.Federation.TrainAsync(Private("wdbc-fedprox-clip", 0f));
        var noised = await fixture.Federation.TrainAsync(Private("wdbc-fedprox-dp", 1.1f));

        Assert.True(fixture.Auc(clippedOnly.Transformer) > 0.9, "clipping alone keeps a useful model");
        Assert.Equal(double.PositiveInfinity, clippedOnly.Privacy.Epsilon);
        Assert.NotEqual(Weights(clippedOnly), Weights(noised));
        Assert.Equal(5, noised.Privacy.NoisedRounds);
        Assert.Equal(Privacy.GaussianAccountant.Epsilon(1.1f, 5, 1e-5), noised.Privacy.Epsilon!.Value, 12);
        Assert.All(noised.Rounds.Skip(1), r => Assert.Null(r.TrainLoss));
        Assert.Contains(noised.Model.TrainerOptions, o => o.Key == "Federated.Privacy" && o.Value.Contains("DP-FedAvg", StringComparison.Ordinal));
    }

    private static float[] Weights(FederatedTrainingResult result) => result.Model.Network.Parameters.SelectMany(p => p.Values).ToArray();
}

internal static class StudyOptions
{
    public static FederatedOptions WithRounds(this FederatedOptions options, int rounds)
    {
        options.Rounds = rounds;
        return options;
    }
}
