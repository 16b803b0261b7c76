namespace UserTests; public class Smoke { [Xunit.Fact] public void Builds() { } }
