namespace MlNetNeural.Tests.Measuring;

public class ThreadAllocationsTests
{
    [Fact]
    public void AnAllocationShowsInTheLeastAndNothingIsCountedForAnActionThatAllocatesNothing()
    {
        object? kept = null;
        long array = ThreadAllocations.Least(() => kept = new byte[10_000]);
        long nothing = ThreadAllocations.Least(() => kept = null);

        Assert.InRange(array, 10_000, 10_000 + 64); // the array's elements and its header
        Assert.Equal(0, nothing);
        Assert.Null(kept);
    }

    [Fact]
    public void AttemptsThatACollectionInterruptedDoNotCount()
    {
        // Here the interrupted attempts allocate less than the others, so a least taken over every attempt would be 0.
        int attempts = 0;
        long least = ThreadAllocations.Least(() =>
        {
            if (attempts++ < 2)
            {
                GC.Collect();
                return;
            }
            GC.KeepAlive(new byte[1_000]);
        });

        Assert.InRange(least, 1_000, 1_000 + 64);
        Assert.Equal(2 + ThreadAllocations.CleanAttempts, attempts);
    }
}
