using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.Core;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>Training a seed ensemble: member 1 is the single run, all members share rows and split, progress and cancellation per member.</summary>
public sealed class EnsembleTrainingTests
{
    private static readonly TrainerSettings Settings = new() { MaxEpochs = 6, BatchSize = 16, ValidationFraction = 0.25f, Seed = 7, Threads = 1 };
    private static readonly NetworkArchitecture Architecture = new(2, [12, 8], Activation.ReLU, 0.1f, 1);

    [Fact]
    public void MemberOneIsTheSingleRunAndEveryMemberTrainsOnTheSameRowsAndValidationSplit()
    {
        var data = ToyData.Circles(200, 3);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        var ensemble = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 3, loss, data);

        var single = new NetworkTrainer(Settings).Train(Architecture, loss, data);
        Assert.Equal(NetworkSerializer.ToBytes(single.Network), NetworkSerializer.ToBytes(ensemble.Members[0].Network));

        // Member 2 again, alone: its own seed, but the run's split (drawn from the run's seed, the trainer's split stream 2)
        // passed as explicit training and validation rows, in the same order: the same network, bit for bit.
        var (trainRows, validationRows) = ValidationSplit.Split(data, Settings.ValidationFraction, stratify: true, DeterministicRandom.ForStream(Settings.Seed, 2));
        var memberSettings = Settings with { Seed = NetworkEnsemble.MemberSeed(Settings.Seed, 2) };
        var alone = new NetworkTrainer(memberSettings).Train(Architecture, loss, Subset(data, trainRows), Subset(data, validationRows));
        Assert.Equal(NetworkSerializer.ToBytes(alone.Network), NetworkSerializer.ToBytes(ensemble.Members[1].Network));
        Assert.NotEqual(NetworkSerializer.ToBytes(ensemble.Members[0].Network), NetworkSerializer.ToBytes(ensemble.Members[1].Network));

        NetworkEnsembleTests.AssertComputesMean(ensemble.Members.Select(member => member.Network).ToArray(), ensemble.Network, rows: 9);
        Assert.NotNull(ensemble.ValidationLoss);
        Assert.Equal(3, ensemble.Members.Count);
        Assert.False(ensemble.Cancelled);
        Assert.Equal(ensemble.Members[0].History.Epochs, ensemble.History.Epochs);
        Assert.Equal(ensemble.Members.Sum(member => member.History.TotalSeconds), ensemble.History.TotalSeconds, 9);
        Assert.StartsWith("An ensemble of 3 networks", ensemble.History.StopMessage);
        Assert.Contains("The history shown is member 1's: " + ensemble.Members[0].History.StopMessage, ensemble.History.StopMessage);
    }

    [Fact]
    public void TheSameSeedGivesTheSameEnsembleAndOneMemberIsNoEnsemble()
    {
        var data = ToyData.Circles(120, 4);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        byte[] Merged(int threads) => NetworkSerializer.ToBytes(new NetworkTrainer(Settings with { Threads = threads }).TrainEnsemble(Architecture, 2, loss, data).Network);
        Assert.Equal(Merged(1), Merged(2));

        var one = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 1, loss, data);
        Assert.Same(one.Members[0].Network, one.Network);
        Assert.Same(one.Members[0].History, one.History);
    }

    [Fact]
    public void ProgressNamesTheMemberOfEachEpoch()
    {
        var reports = new List<EpochReport>();
        new NetworkTrainer(Settings with { ValidationFraction = 0 }).TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(80, 5), progress: reports.Add);
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(member => Enumerable.Repeat(member, Settings.MaxEpochs)), reports.Select(report => report.Member));
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(_ => Enumerable.Range(1, Settings.MaxEpochs)), reports.Select(report => report.Epoch));
    }

    [Theory]
    [InlineData(1, 1, "cancelled during member 1 of 3: the model is member 1 alone")]
    [InlineData(2, 1, "cancelled during member 2 of 3: the model is member 1 alone")]
    [InlineData(3, 2, "cancelled during member 3 of 3, which was left out")]
    public void CancellationStartsNoFurtherMemberAndLeavesOutTheOneItCut(int cancelDuring, int kept, string said)
    {
        using var cancellation = new CancellationTokenSource();
        void Progress(EpochReport report)
        {
            if (report.Member == cancelDuring && report.Epoch == 2) cancellation.Cancel();
        }
        var result = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(200, 6), null, Progress, cancellation.Token);
        Assert.True(result.Cancelled);
        Assert.Equal(kept, result.Members.Count);
        Assert.Equal(StopReason.Cancelled, result.History.StopReason);
        Assert.Contains(said, result.History.StopMessage);
        if (kept == 1) Assert.Same(result.Members[0].Network, result.Network);
        else NetworkEnsembleTests.AssertComputesMean(result.Members.Select(member => member.Network).ToArray(), result.Network, rows: 9);
    }

    private static TrainingData Subset(TrainingData data, int[] rows) => new(
        rows.SelectMany(row => data.Features.AsSpan(row * data.FeatureCount, data.FeatureCount).ToArray()).ToArray(), data.FeatureCount,
        rows.Select(row => data.Targets[row]).ToArray());
}
