pub async fn title(url: &str) -> Option<String> {
    let body = reqwest::get(url).await.ok()?.text().await.ok()?;
    body.split("<title>").nth(1)?.split("</title>").next().map(str::to_string)
}
