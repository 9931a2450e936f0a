using CreditScoring;

namespace MlNetNeural.Samples.Tests;

public sealed class DecisionCostTests
{
    // Bad, good, good, bad with probabilities of default 0.9, 0.2, 0.6, 0.1.
    private static readonly bool[] Labels = [true, false, false, true];
    private static readonly float[] Probabilities = [0.9f, 0.2f, 0.6f, 0.1f];

    [Fact]
    public void Cost_counts_five_per_accepted_bad_and_one_per_rejected_good()
    {
        // At 0.5: 0.9 bad (right), 0.6 good rejected (1), 0.2 good accepted (0), 0.1 bad accepted (5): 6 / 4.
        Assert.Equal(1.5, DecisionCost.PerApplicant(Labels, Probabilities, 0.5));
        // At 0.95 everyone is accepted: two bad loans, 10 / 4.
        Assert.Equal(2.5, DecisionCost.PerApplicant(Labels, Probabilities, 0.95));
    }

    [Fact]
    public void Chosen_threshold_minimises_the_cost_on_the_given_rows()
    {
        // Rejecting everyone costs 2 / 4; any threshold above 0.1 accepts the bad loan at 0.1 (5) and is worse.
        var threshold = DecisionCost.ChooseThreshold(Labels, Probabilities);

        Assert.Equal(0.1, threshold, 6);
        Assert.Equal(0.5, DecisionCost.PerApplicant(Labels, Probabilities, threshold));
    }

    [Fact]
    public void Chosen_threshold_separates_perfectly_ranked_rows()
    {
        var threshold = DecisionCost.ChooseThreshold([false, false, true, true], [0.1f, 0.3f, 0.5f, 0.8f]);

        Assert.Equal(0.4, threshold, 6);
    }

    [Fact]
    public void Mismatched_rows_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => DecisionCost.PerApplicant([true], [0.1f, 0.2f], 0.5));
        Assert.Contains("1 labels but 2 predictions", error.Message);
    }

    [Fact]
    public void Bayes_threshold_is_one_sixth()
    {
        Assert.Equal(1.0 / 6, DecisionCost.BayesThreshold, 12);
    }
}
