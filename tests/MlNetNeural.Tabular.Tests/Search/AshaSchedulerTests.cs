namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>ASHA's promotions and rung budgets, checked against sequences worked out by hand.</summary>
public class AshaSchedulerTests
{
    [Fact]
    public void RungEpochsDivideTheTopBudgetByEtaPerRung()
    {
        Assert.Equal([11, 33, 100], AshaScheduler.RungEpochs(100, 3, 3));
        Assert.Equal([4, 12, 37, 111], AshaScheduler.RungEpochs(111, 4, 3));
        Assert.Equal([25, 50, 100], AshaScheduler.RungEpochs(100, 3, 2));
        Assert.Equal([1, 2, 5], AshaScheduler.RungEpochs(5, 3, 3)); // never below one epoch
        Assert.Equal([100], AshaScheduler.RungEpochs(100, 1, 3));
    }

    [Fact]
    public void TheBestThirdOfARungClimbsOnceEach()
    {
        // η = 3, higher is better. Rung 0 needs 3 results before its best climbs, 6 before a second one does.
        var asha = new AshaScheduler(3, 3, TabularMetric.Auc);
        asha.Record(1, 0, 0.70);
        asha.Record(2, 0, 0.80);
        Assert.Null(asha.NextPromotion());             // floor(2 / 3) = 0
        asha.Record(3, 0, 0.75);
        Assert.Equal((2, 1), asha.NextPromotion());    // the best of three
        Assert.Null(asha.NextPromotion());             // candidate 2 is promoted only once
        asha.Record(2, 1, 0.82);
        asha.Record(4, 0, 0.90);
        // floor(4 / 3) = 1 may climb from rung 0, and the best is now candidate 4: the ranking is redone with every result.
        Assert.Equal((4, 1), asha.NextPromotion());
    }

    [Fact]
    public void APromotionFromAHigherRungComesFirst()
    {
        var asha = new AshaScheduler(3, 3, TabularMetric.Rmse); // lower is better
        foreach (var (candidate, rmse) in new[] { (1, 5.0), (2, 4.0), (3, 6.0), (4, 3.0), (5, 7.0), (6, 8.0), (7, 9.0), (8, 10.0), (9, 11.0) })
            asha.Record(candidate, 0, rmse);
        // Nine results on rung 0: its best three climb, best first.
        Assert.Equal((4, 1), asha.NextPromotion());
        Assert.Equal((2, 1), asha.NextPromotion());
        Assert.Equal((1, 1), asha.NextPromotion());
        Assert.Null(asha.NextPromotion());
        asha.Record(4, 1, 2.5);
        asha.Record(2, 1, 3.5);
        asha.Record(1, 1, 4.5);
        // Rung 1 has three results: its best (candidate 4) climbs to rung 2, and nothing else is due.
        Assert.Equal((4, 2), asha.NextPromotion());
        Assert.Null(asha.NextPromotion());
    }

    [Fact]
    public void TiesGoToTheEarlierCandidate()
    {
        var asha = new AshaScheduler(2, 3, TabularMetric.Auc);
        asha.Record(7, 0, 0.8);
        asha.Record(3, 0, 0.8);
        asha.Record(5, 0, 0.8);
        Assert.Equal((3, 1), asha.NextPromotion());
    }
}
