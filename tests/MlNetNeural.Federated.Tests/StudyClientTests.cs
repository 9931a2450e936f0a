using System.Diagnostics;
using System.Reflection;
using MlNetNeural.Federated.Grains;
using MlNetNeural.Federated.Protocol;

namespace MlNetNeural.Federated.Tests;

public sealed class StudyClientTests
{
    [Fact(Timeout = TestLimits.Federation)]
    public async Task A_coordinator_that_no_longer_holds_the_study_fails_it_at_once_instead_of_being_polled_forever()
    {
        var grains = DispatchProxy.Create<IGrainFactory, CoordinatorOnlyFactory>();
        ((CoordinatorOnlyFactory)(object)grains).Coordinator = new ForgetfulCoordinator();
        var options = new FederatedOptions { Study = "forgotten", Sites = ["a", "b"] };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FederatedTrainingException>(() => FederatedTraining.TrainAsync(grains, options));

        Assert.StartsWith("The coordinator of study 'forgotten' no longer holds it (0 round reports were received)", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"failing took {clock.Elapsed}");
    }

    /// <summary>A coordinator that accepts the study, then (as after a restart that read no checkpoint) knows of none.</summary>
    private sealed class ForgetfulCoordinator : IFederatedCoordinatorGrain
    {
        public Task<StudyStatus> Start(FederatedPlan plan) => Task.FromResult(new StudyStatus { Plan = plan, State = StudyState.Preparing });

        public Task<StudyStatus> GetStatus() => Task.FromResult(new StudyStatus());

        public Task Cancel() => Task.CompletedTask;
    }

    /// <summary>A grain factory that serves only the coordinator.</summary>
    public class CoordinatorOnlyFactory : DispatchProxy
    {
        internal object? Coordinator { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && targetMethod.GetGenericArguments()[0] == typeof(IFederatedCoordinatorGrain)
                ? Coordinator
                : throw new NotSupportedException(targetMethod?.Name);
    }
}
