// The migrations are embedded by `sqlx::migrate!`; rebuild when one of them changes.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
