namespace CreditScoring;

/// <summary>Three made-up applicants to show the saved model at work.</summary>
public static class ExampleApplicants
{
    /// <summary>(description, application) pairs.</summary>
    public static IReadOnlyList<(string Description, CreditApplication Application)> All { get; } =
    [
        ("established homeowner, small car loan", new CreditApplication
        {
            CheckingStatus = "no checking", Duration = 12, CreditHistory = "critical/other existing credit", Purpose = "used car",
            CreditAmount = 2500, SavingsStatus = "500<=X<1000", Employment = ">=7", InstallmentCommitment = 2, PersonalStatus = "male single",
            OtherParties = "none", ResidenceSince = 4, PropertyMagnitude = "real estate", Age = 45, OtherPaymentPlans = "none", Housing = "own",
            ExistingCredits = 2, Job = "skilled", NumDependents = 1, OwnTelephone = "yes", ForeignWorker = "yes",
        }),
        ("young renter, medium furniture loan", new CreditApplication
        {
            CheckingStatus = "0<=X<200", Duration = 24, CreditHistory = "existing paid", Purpose = "furniture/equipment",
            CreditAmount = 4000, SavingsStatus = "<100", Employment = "1<=X<4", InstallmentCommitment = 3, PersonalStatus = "female div/dep/mar",
            OtherParties = "none", ResidenceSince = 2, PropertyMagnitude = "car", Age = 27, OtherPaymentPlans = "none", Housing = "rent",
            ExistingCredits = 1, Job = "skilled", NumDependents = 1, OwnTelephone = "none", ForeignWorker = "yes",
        }),
        ("overdrawn account, long large business loan", new CreditApplication
        {
            CheckingStatus = "<0", Duration = 48, CreditHistory = "all paid", Purpose = "business",
            CreditAmount = 12000, SavingsStatus = "<100", Employment = "<1", InstallmentCommitment = 4, PersonalStatus = "male single",
            OtherParties = "none", ResidenceSince = 1, PropertyMagnitude = "no known property", Age = 23, OtherPaymentPlans = "bank", Housing = "for free",
            ExistingCredits = 1, Job = "unskilled resident", NumDependents = 1, OwnTelephone = "none", ForeignWorker = "yes",
        }),
    ];
}
