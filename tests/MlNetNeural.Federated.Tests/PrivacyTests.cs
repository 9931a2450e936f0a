using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Sites;

namespace MlNetNeural.Federated.Tests;

public sealed class PrivacyTests
{
    [Fact]
    public void The_accountant_gives_the_closed_form_minimum_over_renyi_orders()
    {
        // z = 1, T = 20, δ = 1e-5: ρ(α) = 10α, ε(α) = 10α + ln(1e5)/(α − 1); minimum at α − 1 = √(ln(1e5)/10).
        double expected = 10 + 2 * Math.Sqrt(10 * Math.Log(1e5));
        Assert.Equal(expected, GaussianAccountant.Epsilon(1, 20, 1e-5), 10);
        double gridMinimum = Enumerable.Range(1, 100_000).Select(k => 1 + k * 1e-4).Min(alpha => 10 * alpha + Math.Log(1e5) / (alpha - 1));
        Assert.Equal(gridMinimum, GaussianAccountant.Epsilon(1, 20, 1e-5), 6);
        Assert.Equal(double.PositiveInfinity, GaussianAccountant.Epsilon(0, 5, 1e-5));
        Assert.Equal(0, GaussianAccountant.Epsilon(1, 0, 1e-5));
        Assert.True(GaussianAccountant.Epsilon(2, 20, 1e-5) < GaussianAccountant.Epsilon(1, 20, 1e-5));
    }

    [Fact]
    public void Clipping_scales_long_updates_to_the_norm_and_leaves_short_ones()
    {
        double[] longUpdate = [3, 4];
        SiteContributions.ClipToNorm(longUpdate, 1);
        Assert.Equal([0.6, 0.8], longUpdate.Select(v => Math.Round(v, 12)));
        double[] shortUpdate = [0.3, 0.4];
        SiteContributions.ClipToNorm(shortUpdate, 1);
        Assert.Equal([0.3, 0.4], shortUpdate);
    }

    [Fact]
    public void Options_that_federated_training_cannot_honour_are_refused_by_name()
    {
        var holdOut = new FederatedOptions { Sites = ["a", "b"], Trainer = new MlNetNeural.Trainers.MlpBinaryTrainer.Options { ValidationFraction = 0.2f } };
        Assert.Contains("ValidationFraction", Assert.Throws<ArgumentOutOfRangeException>(() => holdOut.ToPlan()).Message);
        var regression = new FederatedOptions { Sites = ["a", "b"], Trainer = new MlNetNeural.Trainers.MlpRegressionTrainer.Options() };
        Assert.Contains("StandardizeLabel", Assert.Throws<ArgumentOutOfRangeException>(() => regression.ToPlan()).Message);
        var ensemble = new FederatedOptions { Sites = ["a", "b"], Trainer = new MlNetNeural.Trainers.MlpBinaryTrainer.Options { EnsembleSize = 3 } };
        Assert.Contains("EnsembleSize", Assert.Throws<ArgumentOutOfRangeException>(() => ensemble.ToPlan()).Message);
        var compressed = new FederatedOptions { Sites = ["a", "b"], Trainer = new MlNetNeural.Trainers.MlpBinaryTrainer.Options { CompressSkewedFeatures = true } };
        Assert.Contains("CompressSkewedFeatures", Assert.Throws<ArgumentOutOfRangeException>(() => compressed.ToPlan()).Message);
        var cosine = new FederatedOptions { Sites = ["a", "b"], Trainer = new MlNetNeural.Trainers.MlpBinaryTrainer.Options { LearningRateSchedule = Core.Schedules.LearningRateScheduleKind.CosineWithWarmup } };
        Assert.Contains("LearningRateSchedule", Assert.Throws<ArgumentOutOfRangeException>(() => cosine.ToPlan()).Message);
        new FederatedOptions { Sites = ["a", "b"] }.ToPlan();   // the trainer's defaults, the schedule automatic, are accepted
        var alone = new FederatedOptions { Sites = ["a"] };
        Assert.Contains("MinimumSitesPerRound", Assert.Throws<ArgumentOutOfRangeException>(() => alone.ToPlan()).Message);
        var noisy = new FederatedOptions { Sites = ["a", "b"], DifferentialPrivacy = new DifferentialPrivacyOptions { ClipNorm = 0 } };
        Assert.Contains("clip norm", Assert.Throws<ArgumentOutOfRangeException>(() => noisy.ToPlan()).Message);
    }
}
